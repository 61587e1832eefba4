#!/usr/bin/env bash
# An answer that is not HTTP/1.x (lines ending in LF alone, another protocol) is a "malformed"
# failure that shows the answer's first bytes, retried like a reset; not a "reset".
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

start_server --answers lfonly,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | .error]' '["malformed",null]'
expect_records '.[] | select(.type == "attempt" and .attempt == 1) | .detail' \
  '"malformed answer: a line ends in LF alone, not CRLF; it began \"HTTP/1.1 200 OK\\nContent-Length: 2\\n\\nok\""'
expect_requests 2

start_server --answers nothttp
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --no-retry
expect_exit 1
expect_out 'attempt 1: malformed (malformed answer: not HTTP; it began "SSH-2.0-OpenSSH_9.2p1\r\n")'

# A 101 nobody asked for is no delivery: it is not an interim answer to skip either.
start_server --answers switch,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | .error]' '["malformed",null]'
expect_records '.[] | select(.type == "attempt" and .attempt == 1) | .detail | startswith("malformed answer: 101 Switching Protocols, unasked")' 'true'

# The interim answer before a final one is not malformed: it is dropped.
start_server --answers early:500,early:201
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | .status]' '[500,201]'
finish
