#!/usr/bin/env bash
# Usage errors exit 2 and send nothing: bad URLs, header injection, bad credentials and options.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"
start_server --answers 200

for url in "not-a-url" "ftp://127.0.0.1/x" "http://" "http://127.0.0.1:99999/x" "http://user:pw@127.0.0.1:$PORT/"; do
  run "$FLOWHOOK" send "$url" "$PAYLOAD"
  expect_exit 2
  expect_err "flowhook: send:"
done
run "$FLOWHOOK" send "$PAYLOAD"
expect_exit 2
expect_err "no URL"
FLOWHOOK_URL="$URL" run "$FLOWHOOK" send "$PAYLOAD"  # the URL from the environment
expect_exit 0

# Header injection: CR or LF in a -H name or value, or in credentials.
run "$FLOWHOOK" send "$URL" "$PAYLOAD" -H $'X-A: b\r\nX-Injected: 1'
expect_exit 2
expect_err "header injection"
run "$FLOWHOOK" send "$URL" "$PAYLOAD" -H $'X-A: b\nX-Injected: 1'
expect_exit 2
run "$FLOWHOOK" send "$URL" "$PAYLOAD" -H $'X-A\r\n: b'
expect_exit 2
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --bearer $'tok\r\nX-Injected: 1'
expect_exit 2
expect_err "header injection"
run "$FLOWHOOK" send "$URL" "$PAYLOAD" -H 'no colon'
expect_exit 2
run "$FLOWHOOK" send "$URL" "$PAYLOAD" -H 'Content-Length: 5'
expect_exit 2
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --basic no-colon
expect_exit 2
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --basic a:b --bearer c
expect_exit 2

# Bad option values and inputs.
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --timeout soon
expect_exit 2
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --concurrency 0
expect_exit 2
run "$FLOWHOOK" send "$URL" "$WORK/missing.json"
expect_exit 2
run "$FLOWHOOK" send "$URL" --action ORDER_SETTLD
expect_exit 2
expect_err 'did you mean "ORDER_SETTLED"'
run "$FLOWHOOK" send "$URL"
expect_exit 2
expect_err "nothing to send"
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --cacert "$WORK/missing.pem"
expect_exit 2

expect_requests 1  # only the one with the URL from the environment
finish
