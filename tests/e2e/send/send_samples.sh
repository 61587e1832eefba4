#!/usr/bin/env bash
# --action sends the generated sample of each action (as flowhook generate makes it), validated
# like any payload; payloads from stdin and NDJSON files are sent one by one.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"

start_server --answers 200
run "$FLOWHOOK" send "$URL" --action ORDER_SETTLED --action TILL_OPEN --action PRODUCT_MEDIA_CHANGED
expect_exit 0
expect_requests 3
expect_out "sample ORDER_SETTLED  ORDER_SETTLED  delivered after 1 attempt"
[[ $(jq -s -c '[.[].body | fromjson | .action]' "$SERVER_LOG") == '["ORDER_SETTLED","TILL_OPEN","PRODUCT_MEDIA_CHANGED"]' ]] ||
  fail "samples sent: $(jq -s -c '[.[].body]' "$SERVER_LOG")"
[[ $(jq -s -c '.[0].body | fromjson' "$SERVER_LOG") == $(jq -c . "$FIXTURES/documented/order_settled.json") ]] ||
  fail "the ORDER_SETTLED sample is not the documented example"
"$FLOWHOOK" validate --strict - <<<"$(jq -s -r '.[1].body' "$SERVER_LOG")" >/dev/null || fail "a sample does not validate"

# stdin, and an NDJSON file: one delivery per line.
start_server --answers 200
jq -c . "$FIXTURES"/documented/customer_*.json >"$WORK/customers.ndjson"
run_stdin "$FIXTURES/documented/stock_change.json" "$FLOWHOOK" send "$URL" - "$WORK/customers.ndjson"
expect_exit 0
expect_requests 3
expect_out "-  STOCK_CHANGE  delivered after 1 attempt"
expect_out "customers.ndjson:2  CUSTOMER_UPDATE  delivered"
[[ $(jq -s -r '.[0].body_base64' "$SERVER_LOG") == $(base64 -w0 "$FIXTURES/documented/stock_change.json") ]] ||
  fail "stdin was not sent byte for byte"
finish
