#!/usr/bin/env bash
# Pipelined requests are answered in order on one connection; HTTP/1.0 works and closes;
# a body of invalid UTF-8 is kept exactly (raw_base64) and reported as not JSON; a deeply
# nested body does not overflow the stack.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener proto --format ndjson --respond 201,202 --path /hooks
body='{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}'
one="POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Length: ${#body}\r\n\r\n$body"
last="POST /hooks HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${#body}\r\n\r\n$body"
got=$(printf '%s' "$one${one/\/hooks/\/nowhere}$one$last" | timeout 20 $HOSTILE raw "$PORT" - | tr '\n' '|')
[[ "$got" == "HTTP/1.1 201 Created|HTTP/1.1 404 Not Found|HTTP/1.1 202 Accepted|HTTP/1.1 202 Accepted|" ]] || fail "pipelined: $got"

got=$(printf '%s' "POST /hooks HTTP/1.0\r\nContent-Length: ${#body}\r\n\r\n$body" | timeout 20 $HOSTILE raw "$PORT" - | tr '\n' '|')
[[ "$got" == "HTTP/1.1 202 Accepted|" ]] || fail "HTTP/1.0: $got"

got=$(timeout 20 $HOSTILE raw "$PORT" 'POST /hooks HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 6\r\n\r\n\xff\xfe\xc3\x28{}' | tr '\n' '|')
[[ "$got" == "HTTP/1.1 201 Created|" ]] || fail "invalid UTF-8: $got"
# 500,000 nested arrays: parsed without recursion, kept as text instead of re-serialised.
python3 -c "print('[' * 500000 + ']' * 500000, end='')" >"$WORK/deep.json"
post /hooks "$WORK/deep.json"
expect_code 201
stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit $EXIT_STATUS"
deep=$(tail -1 "$WORK/proto.out")
[[ $(jq -r '.body | length' <<<"$deep") == 1000000 ]] || fail "deep body not kept as a string"
sed -i '$d' "$WORK/proto.out"
[[ $(wc -l <"$WORK/proto.out") == 5 ]] || fail "expected 5 records: $(cat "$WORK/proto.out")"
last_record=$(tail -1 "$WORK/proto.out")
[[ $(jq -r '.raw_base64' <<<"$last_record") == "$(printf '\xff\xfe\xc3\x28{}' | base64)" ]] || fail "raw_base64: $last_record"
[[ $(jq -c '[.valid, .findings[0].code]' <<<"$last_record") == '[false,"invalid-json"]' ]] || fail "verdict: $last_record"
finish
