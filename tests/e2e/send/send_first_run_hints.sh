#!/usr/bin/env bash
# The common first-run mistakes each get a one-line hint: https:// to a plain HTTP port, a URL
# without its scheme, and ::1 when the receiver listens on 127.0.0.1 only.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

start_server --answers 200
run "$FLOWHOOK" send "https://127.0.0.1:$PORT/hooks" "$PAYLOAD" --no-retry
expect_exit 1
expect_err "flowhook: send: hint: the port speaks plain HTTP: use http:// instead of https://"
expect_requests 0

expect_usage_error "flowhook: send: bad URL \"127.0.0.1:$PORT/hooks\": no scheme: did you mean http://127.0.0.1:$PORT/hooks ?" \
  "$FLOWHOOK" send "127.0.0.1:$PORT/hooks" "$PAYLOAD"
expect_usage_error "flowhook: send: --url: bad URL \"localhost:$PORT\": no scheme: did you mean http://localhost:$PORT ?" \
  "$FLOWHOOK" send --url "localhost:$PORT" "$PAYLOAD"

# The scripted server listens on 127.0.0.1 only; ::1 (where the system has it) is refused.
if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
  run "$FLOWHOOK" send "http://[::1]:$PORT/hooks" "$PAYLOAD" --no-retry
  expect_exit 1
  expect_out "refused (connection refused)"
  expect_err "flowhook: send: hint: nothing listens on ::1 port $PORT, but 127.0.0.1 does: use http://127.0.0.1:$PORT/hooks"
  # Where 127.0.0.1 does not answer either, there is no such hint.
  stop_server
  run "$FLOWHOOK" send "http://[::1]:$PORT/hooks" "$PAYLOAD" --no-retry
  [[ "$ERR" != *hint* ]] || fail "a ::1 hint with nothing on 127.0.0.1: $ERR"
else
  echo "no IPv6 loopback here: the ::1 hint is not tried"
fi

# A correct URL: no hint at all.
start_server --answers 200
run "$FLOWHOOK" send "$URL" "$PAYLOAD"
expect_exit 0
[[ -z "$ERR" ]] || fail "stderr for a plain delivery: $ERR"
finish
