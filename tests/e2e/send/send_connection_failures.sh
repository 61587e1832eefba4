#!/usr/bin/env bash
# Timeouts, refused ports, connections closed or reset mid-answer: all retried, like a 5xx.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

# A port where nothing listens.
free_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run "$FLOWHOOK" send "http://127.0.0.1:$free_port/hooks" "$PAYLOAD" --retries 2 --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .error]' '["refused","refused","refused"]'
expect_records '.[] | select(.type == "outcome") | .outcome' '"gave_up"'
run "$FLOWHOOK" send "http://127.0.0.1:$free_port/hooks" "$PAYLOAD" --no-retry
expect_exit 1
expect_out "attempt 1: refused (connection refused)"
expect_out "gave up after 1 attempt"

# An answer later than the timeout, then a fast one.
start_server --answers sleep:1.5,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --timeout 300ms --backoff 10ms --format json
expect_exit 0
expect_requests 2
expect_records '[.[] | select(.type == "attempt") | .error]' '["timeout",null]'
expect_records '.[] | select(.type == "attempt" and .attempt == 1) | .latency_ms < 1400' 'true'

# The connection closed without an answer.
start_server --answers close,close,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --format json
expect_exit 0
expect_requests 3
expect_records '[.[] | select(.type == "attempt") | .error]' '["reset","reset",null]'

# Reset in the middle of the answer: the status line arrived, the body did not.
start_server --answers reset,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --format json
expect_exit 0
expect_requests 2
expect_records '[.[] | select(.type == "attempt") | .error]' '["reset",null]'
expect_records '.[] | select(.type == "outcome") | [.outcome, .attempts]' '["delivered",2]'
finish
