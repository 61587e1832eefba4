#!/usr/bin/env bash
# send against a receiver written with Node's http and https modules: the exact body arrives, 5xx are retried and
# 4xx are not, 103 Early Hints before the answer are dropped, many payloads arrive once each over
# keep-alive connections, and https with a throwaway CA works once --cacert names it (103s too).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/peers.sh"
source "$(dirname "$0")/../helpers/certs.sh"

printf '{ "action" :"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},\t"store":{"Id":1,"Uid":"Sm\xc3\xb8rrebr\xc3\xb8d"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}' >"$WORK/odd.json"

start_node_receiver --answers 500,503,hints:200
run "$FLOWHOOK" send "$URL?tenant=7" "$WORK/odd.json" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | [.status, .body]]' '[[500,"status 500"],[503,"status 503"],[200,"status 200"]]'
expect_records '.[] | select(.type == "outcome") | [.outcome, .attempts]' '["delivered",3]'
expect_peer_requests 3
expect_peer_bodies "$WORK/odd.json"
[[ $(jq -r .path "$PEER_LOG" | sort -u) == "/hooks?tenant=7" ]] || fail "paths: $(jq -r .path "$PEER_LOG")"
[[ $(jq -r '.method' "$PEER_LOG" | sort -u) == POST ]] || fail "methods: $(jq -r .method "$PEER_LOG")"

# Chunked answers are read to their last chunk, and the connection serves the next payload.
start_node_receiver --answers chunked:500,chunked:200
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" "$WORK/odd.json" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | [.status, .body]]' '[[500,"status 500"],[200,"status 200"],[200,"status 200"]]'
expect_peer_requests 3
[[ $(jq -r .remote_port "$PEER_LOG" | sort -u | wc -l) == 1 ]] || fail "not one keep-alive connection: $(jq -c .remote_port "$PEER_LOG")"

# A 4xx is final: one attempt. Retries give up after --retries.
start_node_receiver --answers 422
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "outcome") | [.outcome, .attempts, .status]]' '[["failed",1,422]]'
expect_peer_requests 1
start_node_receiver --answers hints:502
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --retries 3 --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .status]' '[502,502,502,502]'
expect_records '.[] | select(.type == "outcome") | .outcome' '"gave_up"'
expect_peer_requests 4

# 30 payloads, 4 workers: each arrives exactly once.
for i in $(seq 1 30); do jq -c ".order.Id = $i" "$FIXTURES/documented/order_settled.json"; done >"$WORK/many.ndjson"
start_node_receiver --answers hints:200
run "$FLOWHOOK" send "$URL" "$WORK/many.ndjson" --concurrency 4
expect_exit 0
expect_out "30 payloads: 30 delivered, 0 failed, 0 gave up, 0 invalid"
[[ $(jq -r .body_base64 "$PEER_LOG" | while read -r b; do base64 -d <<<"$b"; echo; done | jq -s -c 'map(.order.Id) | sort') == "[$(seq -s, 1 30)]" ]] ||
  fail "the receiver did not get each payload exactly once"

# https with a throwaway CA.
make_ca
make_cert peer "DNS:localhost,IP:127.0.0.1"
start_node_receiver --tls "$CERTS/peer.pem" "$CERTS/peer.key" --answers hints:503,hints:200
TLS_URL="https://localhost:$PORT/hooks"
run "$FLOWHOOK" send "$TLS_URL" "$WORK/odd.json" --no-retry --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .error]' '["tls"]'
expect_peer_requests 0
run "$FLOWHOOK" send "$TLS_URL" "$WORK/odd.json" --cacert "$CERTS/ca.pem" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | .status]' '[503,200]'
expect_peer_requests 2
expect_peer_bodies "$WORK/odd.json"
finish
