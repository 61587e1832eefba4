#!/usr/bin/env bash
# Each way TLS can fail has its own plain message: an unknown CA, a name that does not match
# (which name was asked, which names the certificate holds), an expired certificate, a failed
# handshake, plain HTTP on the port. A --cacert file without a certificate is a usage error
# before anything is sent. Certificates are throwaway ones made by openssl here.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
source "$(dirname "$0")/../helpers/certs.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

make_ca
make_cert good "DNS:localhost,IP:127.0.0.1"
make_cert other "DNS:shop.example,DNS:*.shop.example,IP:10.9.8.7"
make_cert expired "DNS:localhost,IP:127.0.0.1" -1

# detail: the detail of the only attempt in the NDJSON on stdout.
detail() { jq -r 'select(.type == "attempt") | .detail' <<<"$OUT"; }
expect_detail() {
  [[ "$(detail)" == "$1" ]] || fail "detail: expected '$1', got '$(detail)'"
}

start_server --tls "$CERTS/good.pem" "$CERTS/good.key" --answers 200
run "$FLOWHOOK" send "https://127.0.0.1:$PORT/hooks" "$PAYLOAD" --no-retry --format json
expect_exit 1
expect_detail "the certificate is signed by an unknown CA (use --cacert FILE, or --insecure)"
run "$FLOWHOOK" send "https://localhost:$PORT/hooks" "$PAYLOAD" --no-retry --cacert "$CERTS/ca.pem"
expect_exit 0
expect_out "attempt 1: 200 OK"
expect_requests 1

start_server --tls "$CERTS/other.pem" "$CERTS/other.key" --answers 200
run "$FLOWHOOK" send "https://127.0.0.1:$PORT/hooks" "$PAYLOAD" --no-retry --format json --cacert "$CERTS/ca.pem"
expect_exit 1
expect_detail 'certificate name mismatch: asked for "127.0.0.1", the certificate is for "shop.example", "*.shop.example", "10.9.8.7"'
run "$FLOWHOOK" send "https://localhost:$PORT/hooks" "$PAYLOAD" --no-retry --format json --cacert "$CERTS/ca.pem"
expect_detail 'certificate name mismatch: asked for "localhost", the certificate is for "shop.example", "*.shop.example", "10.9.8.7"'
expect_requests 0

start_server --tls "$CERTS/expired.pem" "$CERTS/expired.key" --answers 200
run "$FLOWHOOK" send "https://127.0.0.1:$PORT/hooks" "$PAYLOAD" --no-retry --format json --cacert "$CERTS/ca.pem"
expect_exit 1
[[ "$(detail)" == "the certificate expired ("*" GMT)" ]] || fail "expired: $(detail)"
expect_requests 0
stop_server

# A peer that answers the ClientHello with a fatal handshake_failure alert.
python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
print(s.getsockname()[1], flush=True)
while True:
    c, _ = s.accept(); c.recv(4096)
    c.sendall(bytes([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])); c.close()
' >"$WORK/alert.port" &
CHILD_PIDS+=($!)
until [[ -s "$WORK/alert.port" ]]; do sleep 0.05; done
run "$FLOWHOOK" send "https://127.0.0.1:$(cat "$WORK/alert.port")/hooks" "$PAYLOAD" --no-retry --format json
expect_exit 1
# OpenSSL's name for the alert: "sslv3 alert handshake failure" in 3.0, "ssl/tls alert ..." in 3.5.
[[ "$(detail)" =~ ^TLS\ handshake\ failed:\ (sslv3|ssl/tls)\ alert\ handshake\ failure$ ]] ||
  fail "alert: expected the handshake_failure alert named, got '$(detail)'"

# https:// to a plain HTTP port: said so, with a hint (once, however many attempts).
start_server --answers 200
run "$FLOWHOOK" send "https://127.0.0.1:$PORT/hooks" "$PAYLOAD" --retries 2 --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .detail] | unique' '["the receiver answered in plain HTTP, not TLS"]'
[[ "$(grep -c 'hint: the port speaks plain HTTP: use http:// instead of https://' <<<"$ERR")" == 1 ]] ||
  fail "the plain-HTTP hint, once: $ERR"

# --cacert without a certificate in it (a key, an empty file): exit 2 naming the file, nothing sent.
start_server --tls "$CERTS/good.pem" "$CERTS/good.key" --answers 200
expect_usage_error "flowhook: send: --cacert: $CERTS/good.key holds no PEM certificate (BEGIN CERTIFICATE)" \
  "$FLOWHOOK" send "https://127.0.0.1:$PORT/hooks" "$PAYLOAD" --cacert "$CERTS/good.key"
: >"$WORK/empty.pem"
expect_usage_error "flowhook: send: --cacert: $WORK/empty.pem holds no PEM certificate (BEGIN CERTIFICATE)" \
  "$FLOWHOOK" send "https://127.0.0.1:$PORT/hooks" "$PAYLOAD" --cacert "$WORK/empty.pem"
expect_requests 0
finish
