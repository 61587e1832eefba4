#!/usr/bin/env bash
# --replay re-sends recorded deliveries in order, body byte for byte, with their headers
# (minus masked credentials and what the transport sets); a torn line is reported and skipped.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"

body1='{"action":"TILL_OPEN","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"7"},"till":{"Id":73,"Uid":"722"},"tenantUser":{"Id":7,"Uid":"7"},"cashReport":{"Id":7212,"Uid":"74533"},"date":"2022-10-18"}'
body2='{"action": "CUSTOMER_CREATE", "tenant": {"Id": 7, "Uid": "7"}, "customer": {"Id": 32, "Uid": "1000"}, "tenantUser": {"Id": 14, "Uid": "x"}}'
raw1=$(jq -Rs . <<<"$body1" | sed 's/\\n"$/"/')
b64=$(printf '%s' "$body2" | base64 -w0)
cat >"$WORK/record.ndjson" <<REC
{"received":"2026-11-29T19:22:01.123Z","method":"POST","path":"/hooks","remote":"127.0.0.1:53412","headers":[["Host","old-host:1"],["Content-Type","application/json"],["Authorization","Bearer ***"],["X-Flow-Delivery","d-1"],["Content-Length","999"],["User-Agent","FlowRetail/1"]],"body":$body1,"raw":$raw1,"action":"TILL_OPEN","spelling":"TILL_OPEN","valid":true,"findings":[],"repeat":1,"status":200}

{"received":"2026-11-29T19:22:02.000Z","method":"POST","path":"/hooks","remote":"127.0.0.1:53413","headers":[["Content-Type","application/json; charset=utf-8"],["X-Flow-Delivery","d-2"],["Connection","close"]],"body":$body2,"raw_base64":"$b64","action":"CUSTOMER_CREATE","spelling":"CUSTOMER_CREATE","valid":true,"findings":[],"repeat":1,"status":200}
{"received":"2026-11-29T19:22:03.000Z","method":"POST","path":"/hooks","headers":[["Content-Type","appl
REC
printf '%s' "$(cat "$WORK/record.ndjson")" >"$WORK/torn.ndjson"  # no final newline: a torn write

start_server --answers 200
run "$FLOWHOOK" send "$URL" --replay "$WORK/torn.ndjson" --bearer new-token
expect_exit 0
expect_err "torn.ndjson:4: skipped"
expect_requests 2
expect_out "torn.ndjson:1  TILL_OPEN  delivered"
expect_out "torn.ndjson:3  CUSTOMER_CREATE  delivered"
[[ $(jq -s -r '.[0].body' "$SERVER_LOG") == "$body1" ]] || fail "record 1's raw body changed"
[[ $(jq -s -r '.[1].body_base64' "$SERVER_LOG") == "$b64" ]] || fail "record 2's raw_base64 body changed"
names() { jq -s -r --argjson i "$1" '.[$i].headers | map(.[0]) | join(",")' "$SERVER_LOG"; }
value() { jq -s -r --argjson i "$1" --arg n "$2" '.[$i].headers[] | select(.[0] == $n) | .[1]' "$SERVER_LOG"; }
[[ $(value 0 X-Flow-Delivery) == d-1 && $(value 1 X-Flow-Delivery) == d-2 ]] || fail "recorded headers not replayed"
[[ $(value 0 User-Agent) == FlowRetail/1 ]] || fail "recorded User-Agent not replayed: $(value 0 User-Agent)"
[[ $(value 1 Content-Type) == "application/json; charset=utf-8" ]] || fail "recorded Content-Type not replayed"
[[ $(value 0 Authorization) == "Bearer new-token" ]] || fail "Authorization: $(value 0 Authorization)"
[[ $(value 0 Host) == "127.0.0.1:$PORT" ]] || fail "the recorded Host was sent: $(value 0 Host)"
[[ $(value 0 Content-Length) == "${#body1}" ]] || fail "the recorded Content-Length was sent"
[[ -z $(value 1 Connection) ]] || fail "the recorded Connection header was sent"

run "$FLOWHOOK" send "$URL" --replay "$WORK/missing.ndjson"
expect_exit 2
finish
