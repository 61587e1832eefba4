#!/usr/bin/env bash
# A receiver that keeps answering 5xx or 3xx: retried --retries times, then given up (exit 1).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

start_server --answers 500
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --retries 3 --backoff 5ms
expect_exit 1
expect_requests 4
expect_out "gave up after 4 attempts"
expect_out "0 delivered, 0 failed, 1 gave up"

start_server --answers 301
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --retries 2 --backoff 5ms --format json
expect_exit 1
expect_requests 3
expect_records '[.[] | select(.type == "attempt") | .status]' '[301,301,301]'
expect_records '.[] | select(.type == "outcome") | .outcome' '"gave_up"'

# The platform's default: 10 retries, so 11 attempts in all.
start_server --answers 502
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 1ms --max-backoff 2ms
expect_exit 1
expect_requests 11

start_server --answers 500,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --no-retry
expect_exit 1
expect_requests 1
expect_out "gave up after 1 attempt"
finish
