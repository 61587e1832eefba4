#!/usr/bin/env bash
# https verifies the receiver's certificate: a self-signed one is refused unless --cacert names
# it, or --insecure skips the check (with a warning).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>"$WORK/openssl.err" || fail "openssl: $(cat "$WORK/openssl.err")"

start_server --tls "$WORK/cert.pem" "$WORK/key.pem" --answers 200
HTTPS_URL="https://127.0.0.1:$PORT/hooks"

run "$FLOWHOOK" send "$HTTPS_URL" "$PAYLOAD" --no-retry --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .error]' '["tls"]'
expect_records '.[] | select(.type == "attempt") | .detail | test("certificate")' 'true'
expect_requests 0

run "$FLOWHOOK" send "$HTTPS_URL" "$PAYLOAD" --no-retry --cacert "$WORK/cert.pem"
expect_exit 0
expect_out "attempt 1: 200 OK"
expect_requests 1
[[ "$ERR" != *insecure* ]] || fail "a warning without --insecure: $ERR"

run "$FLOWHOOK" send "$HTTPS_URL" "$PAYLOAD" --no-retry --insecure
expect_exit 0
expect_err "warning: --insecure"
expect_requests 2

# A receiver that accepts the connection but never completes the handshake: --timeout holds.
start_server --silent
run "$FLOWHOOK" send "https://127.0.0.1:$PORT/hooks" "$PAYLOAD" --no-retry --timeout 1s --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .error]' '["timeout"]'
expect_records '.[] | select(.type == "attempt") | .latency_ms < 4000' 'true'
finish
