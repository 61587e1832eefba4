#!/usr/bin/env bash
# send against a receiver built on Python's http.server (the scripted server): the exact body
# arrives, 5xx are retried and 4xx are not, a 1xx before the answer is dropped, many payloads
# arrive once each, and https with a throwaway CA works once --cacert names it.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
source "$(dirname "$0")/../helpers/certs.sh"

printf '{ "action" :"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},\t"store":{"Id":1,"Uid":"Sm\xc3\xb8rrebr\xc3\xb8d"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}' >"$WORK/odd.json"
expect_bodies() {
  local want
  want=$(base64 -w0 "$1")
  [[ $(jq -r .body_base64 "$SERVER_LOG" | sort -u) == "$want" ]] || fail "the receiver got other bodies"
}

start_server --answers 500,503,early:200
run "$FLOWHOOK" send "$URL?tenant=7" "$WORK/odd.json" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | [.status, .body]]' '[[500,"status 500"],[503,"status 503"],[200,"status 200"]]'
expect_requests 3
expect_bodies "$WORK/odd.json"
[[ $(jq -r .path "$SERVER_LOG" | sort -u) == "/hooks?tenant=7" ]] || fail "paths: $(jq -r .path "$SERVER_LOG")"

start_server --answers 404
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "outcome") | [.outcome, .attempts, .status]]' '[["failed",1,404]]'
expect_requests 1

start_server --answers 500
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --retries 2 --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .status]' '[500,500,500]'
expect_requests 3

for i in $(seq 1 30); do jq -c ".order.Id = $i" "$FIXTURES/documented/order_settled.json"; done >"$WORK/many.ndjson"
start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/many.ndjson" --concurrency 4
expect_exit 0
[[ $(jq -r .body "$SERVER_LOG" | jq -s -c 'map(.order.Id) | sort') == "[$(seq -s, 1 30)]" ]] ||
  fail "the receiver did not get each payload exactly once"

make_ca
make_cert peer "DNS:localhost,IP:127.0.0.1"
start_server --tls "$CERTS/peer.pem" "$CERTS/peer.key" --answers 503,200
run "$FLOWHOOK" send "https://localhost:$PORT/hooks" "$WORK/odd.json" --no-retry --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .error]' '["tls"]'
expect_requests 0
run "$FLOWHOOK" send "https://localhost:$PORT/hooks" "$WORK/odd.json" --cacert "$CERTS/ca.pem" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | .status]' '[503,200]'
expect_requests 2
expect_bodies "$WORK/odd.json"
finish
