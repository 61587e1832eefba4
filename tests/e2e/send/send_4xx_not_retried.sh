#!/usr/bin/env bash
# 400-499 (429 included) is failed and never retried; the payload is not delivered: exit 1.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

for status in 400 401 404 429 499; do
  start_server --answers "$status,200"
  run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --format json
  expect_exit 1
  expect_requests 1
  expect_records '.[] | select(.type == "outcome") | [.outcome, .attempts, .status]' "[\"failed\",1,$status]"
  expect_records '.[] | select(.type == "attempt") | .retry_in_ms' 'null'
done

start_server --answers 404
run "$FLOWHOOK" send "$URL" "$PAYLOAD"
expect_exit 1
expect_out "attempt 1: 404 Not Found"
expect_out "failed: 404 Not Found"
expect_out "0 delivered, 1 failed"
finish
