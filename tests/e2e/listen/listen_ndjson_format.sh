#!/usr/bin/env bash
# --format ndjson prints one record per delivery, in the shared record format.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener nd --format ndjson
post '/hooks?x=1' "$ORDER" -H 'Authorization: Basic dXNlcjpwYXNz' -H 'X-Trace: 1'
printf 'plain text' >"$WORK/text.txt"
post /hooks "$WORK/text.txt"
printf '\xff\xfe{"bad":1}' >"$WORK/latin.bin"
post /hooks "$WORK/latin.bin"
post /hooks "$ORDER"
stop_listener "$LISTENER_PID"
cp "$WORK/nd.out" "$WORK/stdout"

jq -e . "$WORK/nd.out" >/dev/null || fail "stdout is not NDJSON"
[[ $(wc -l <"$WORK/nd.out") == 4 ]] || fail "expected 4 records: $(cat "$WORK/nd.out")"
first=$(head -1 "$WORK/nd.out")
[[ $(jq -c 'keys_unsorted' <<<"$first") == '["received","method","path","remote","headers","body","raw","action","spelling","valid","findings","repeat","status"]' ]] ||
  fail "key order: $(jq -c keys_unsorted <<<"$first")"
[[ $(jq -r '.path' <<<"$first") == "/hooks?x=1" ]] || fail "path with query"
[[ $(jq -r '.method' <<<"$first") == "POST" ]] || fail "method"
jq -e '.received | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{3}Z$")' <<<"$first" >/dev/null || fail "received: $first"
jq -e '.remote | test("^127\\.0\\.0\\.1:[0-9]+$")' <<<"$first" >/dev/null || fail "remote"
[[ $(jq -c '[.headers[] | select(.[0] == "Authorization")]' <<<"$first") == '[["Authorization","Basic ***"]]' ]] || fail "masked: $first"
[[ $(jq -c '.headers | map(.[0]) | index("X-Trace") != null' <<<"$first") == true ]] || fail "headers kept"
[[ $(jq -c '.body.order.Id' <<<"$first") == 7123 ]] || fail "body as JSON"
cmp -s <(jq -j '.raw' <<<"$first") "$ORDER" || fail "raw is not the exact body"
[[ $(jq -c '[.action, .spelling, .valid, .findings, .repeat, .status]' <<<"$first") == '["ORDER_SETTLED","ORDER_SETTLED",true,[],1,200]' ]] || fail "verdict: $first"
second=$(sed -n 2p "$WORK/nd.out")
[[ $(jq -c '[.body, .raw, .action, .valid, .findings[0].code]' <<<"$second") == '["plain text","plain text",null,false,"invalid-json"]' ]] || fail "text body: $second"
third=$(sed -n 3p "$WORK/nd.out")
[[ $(jq -r '.raw_base64' <<<"$third") == "$(base64 -w0 "$WORK/latin.bin")" ]] || fail "raw_base64: $third"
[[ $(jq -c 'has("raw")' <<<"$third") == false ]] || fail "raw must be absent for a non-UTF-8 body"
[[ $(sed -n 4p "$WORK/nd.out" | jq -c '.repeat') == 2 ]] || fail "repeat count"
finish
