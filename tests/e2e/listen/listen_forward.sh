#!/usr/bin/env bash
# --forward-to relays each delivery (body and headers) to the developer's app and answers with
# the app's status and body; an app that is down gives 502.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener app --status 201 --path /app --format ndjson
APP_PORT=$PORT
APP_PID=$LISTENER_PID
start_listener relay --forward-to "http://127.0.0.1:$APP_PORT/app" --record "$WORK/relay.ndjson"
RELAY_PID=$LISTENER_PID
post /hooks "$ORDER" -H 'X-Tenant: 7'
expect_code 201
jq -e '.status == 201' "$WORK/answer" >/dev/null || fail "the app's body was not relayed: $(cat "$WORK/answer")"
stop_listener "$RELAY_PID"
stop_listener "$APP_PID"
cmp -s <(jq -j '.raw' "$WORK/app.out") "$ORDER" || fail "the app did not get the exact body"
[[ $(jq -r '.headers[] | select(.[0] == "X-Tenant") | .[1]' "$WORK/app.out") == 7 ]] || fail "headers not relayed: $(cat "$WORK/app.out")"
grep -qE "forwarded to http://127.0.0.1:$APP_PORT/app: the app answered 201 in [0-9.]+m?s" "$WORK/relay.out" ||
  fail "relay output: $(cat "$WORK/relay.out")"
expect_file_lines "$WORK/relay.ndjson" 1

# An app that is down: 502, said clearly, nothing recorded.
python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >"$WORK/closed_port"
start_listener down --forward-to "http://127.0.0.1:$(cat "$WORK/closed_port")/" --record "$WORK/down.ndjson"
post /hooks "$ORDER"
expect_code 502
jq -e '.error | test("did not answer")' "$WORK/answer" >/dev/null || fail "502 body: $(cat "$WORK/answer")"
stop_listener "$LISTENER_PID"
grep -q "FORWARD FAILED: http://127.0.0.1:.* did not answer" "$WORK/down.out" || fail "failure not printed: $(cat "$WORK/down.out")"
expect_file_lines "$WORK/down.ndjson" 0

run "$FLOWHOOK" listen --port 0 --forward-to ftp://example
expect_exit 2
expect_err "--forward-to"
run "$FLOWHOOK" listen --port 0 --forward-to http://127.0.0.1:1/ --status 500
expect_exit 2
finish
