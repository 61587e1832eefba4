#!/usr/bin/env bash
# A payload that does not validate is not sent (exit 1); --no-validate sends it anyway.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"

good=$(jq -c . "$FIXTURES/documented/order_settled.json")
bad=$(jq -c '.order.Id = "7123"' "$FIXTURES/documented/order_settled.json")
printf '%s\n%s\n%s\n' "$good" "$bad" "not json" >"$WORK/mixed.ndjson"

start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/mixed.ndjson"
expect_exit 1
expect_requests 1
expect_out "mixed.ndjson:2  ORDER_SETTLED  not sent: invalid payload"
expect_out "/order/Id"
expect_out "mixed.ndjson:3  not sent"
expect_out "3 payloads: 1 delivered, 0 failed, 0 gave up, 2 invalid"
[[ $(jq -r .body "$SERVER_LOG") == "$good" ]] || fail "the wrong payload was sent"

run "$FLOWHOOK" send "$URL" "$WORK/mixed.ndjson" --format json
expect_exit 1
expect_records '[.[] | select(.type == "outcome") | .outcome]' '["delivered","invalid","invalid"]'
expect_records '[.[] | select(.type == "outcome" and .outcome == "invalid") | .problems | length > 0]' '[true,true]'

start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/mixed.ndjson" --no-validate
expect_exit 0
expect_requests 3
[[ $(jq -s -r '.[2].body' "$SERVER_LOG") == "not json" ]] || fail "--no-validate did not send the text as it is"
finish
