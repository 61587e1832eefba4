#!/usr/bin/env bash
# 500, 500, 200: two retries, then delivered; attempts are printed in order as they happen.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

start_server --answers 500,500,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms
expect_exit 0
expect_requests 3
expect_out "attempt 1: 500 Internal Server Error"
expect_out "attempt 2: 500 Internal Server Error"
expect_out "attempt 3: 200 OK"
expect_out "delivered after 3 attempts"
expect_out "1 payload: 1 delivered, 0 failed, 0 gave up, 0 invalid"
[[ $(grep -n "attempt 1:" <<<"$OUT" | cut -d: -f1) -lt $(grep -n "attempt 3:" <<<"$OUT" | cut -d: -f1) ]] ||
  fail "attempts out of order: $OUT"

start_server --answers 503,301,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --format json
expect_exit 0
expect_requests 3
expect_records '[.[] | select(.type == "attempt") | .status]' '[503,301,200]'
expect_records '[.[] | select(.type == "attempt") | .attempt]' '[1,2,3]'
expect_records '[.[] | select(.type == "attempt") | .retry_in_ms != null]' '[true,true,false]'
expect_records '.[] | select(.type == "attempt" and .attempt == 1) | .body' '"status 503"'
expect_records '.[] | select(.type == "outcome") | [.outcome, .attempts, .action]' '["delivered",3,"ORDER_SETTLED"]'
expect_records '.[] | select(.type == "summary") | [.delivered, .attempts]' '[1,3]'
finish
