#!/usr/bin/env bash
# --forward-to relays the app's final answer: an app that sends 103 Early Hints first (Node's
# res.writeEarlyHints()) has its 500 or 200 relayed, never the 103. An https:// app is verified
# with --cacert, or not with --insecure; an unknown CA is a 502 that says so.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/certs.sh"
source "$(dirname "$0")/../servers/peers.sh"

# curl -i: the whole answer the sender got, interim answers included.
post_raw() {
  curl -s -i --max-time 20 -H 'Content-Type: application/json' --data-binary "@$ORDER" \
    "http://127.0.0.1:$1/hooks" >"$WORK/raw" 2>&1
}

for app in node go; do
  "start_${app}_receiver" --answers hints:500,hints:200
  APP_PORT=$PORT
  start_listener "relay_$app" --forward-to "http://127.0.0.1:$APP_PORT/app"
  post_raw "$PORT"
  [[ $(grep -c '^HTTP/1.1 ' "$WORK/raw") == 1 ]] || fail "$app: more than one answer relayed: $(cat "$WORK/raw")"
  grep -q '^HTTP/1.1 500 ' "$WORK/raw" || fail "$app: not the app's 500: $(cat "$WORK/raw")"
  [[ $(tail -c 10 "$WORK/raw") == "status 500" ]] || fail "$app: body: $(cat "$WORK/raw")"
  post /hooks "$ORDER"
  expect_code 200
  [[ $(cat "$WORK/answer") == "status 200" ]] || fail "$app: body of the 200: $(cat "$WORK/answer")"
  stop_listener "$LISTENER_PID"
  grep -q "the app answered 500" "$WORK/relay_$app.out" || fail "$app: $(cat "$WORK/relay_$app.out")"
  expect_peer_requests 2
  expect_peer_bodies "$ORDER"
done

make_ca
make_cert app "DNS:localhost,IP:127.0.0.1"
start_node_receiver --tls "$CERTS/app.pem" "$CERTS/app.key" --answers hints:201
APP_PORT=$PORT
start_listener tls --forward-to "https://127.0.0.1:$APP_PORT/app" --cacert "$CERTS/ca.pem"
post /hooks "$ORDER"
expect_code 201
stop_listener "$LISTENER_PID"
grep -q "forwarded to https://127.0.0.1:$APP_PORT/app: the app answered 201" "$WORK/tls.out" || fail "$(cat "$WORK/tls.out")"

start_listener unknown_ca --forward-to "https://127.0.0.1:$APP_PORT/app"
post /hooks "$ORDER"
expect_code 502
jq -e '.error | test("unknown CA")' "$WORK/answer" >/dev/null || fail "502 body: $(cat "$WORK/answer")"
stop_listener "$LISTENER_PID"

start_listener insecure --forward-to "https://127.0.0.1:$APP_PORT/app" --insecure
post /hooks "$ORDER"
expect_code 201
stop_listener "$LISTENER_PID"
expect_peer_requests 2

expect_usage_error "flowhook: listen: --cacert: $CERTS/app.key holds no PEM certificate (BEGIN CERTIFICATE)" \
  "$FLOWHOOK" listen --port 0 --forward-to "https://127.0.0.1:$APP_PORT/app" --cacert "$CERTS/app.key"
run "$FLOWHOOK" listen --port 0 --cacert "$CERTS/ca.pem"
expect_exit 2
expect_err "--forward-to"
run "$FLOWHOOK" listen --port 0 --forward-to "http://127.0.0.1:$APP_PORT/app" --cacert "$CERTS/ca.pem"
expect_exit 2
expect_err "--cacert is for an https:// --forward-to app"
finish
