#!/usr/bin/env bash
# send against a receiver written with cpp-httplib's documented server API: the exact body
# arrives at the path with its query, 5xx are retried and 4xx are not, and many payloads arrive
# once each over the receiver's keep-alive connections.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/peers.sh"

printf '{ "action" :"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},\t"store":{"Id":1,"Uid":"Sm\xc3\xb8rrebr\xc3\xb8d"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}' >"$WORK/odd.json"

start_httplib_receiver --answers 500,503,200
run "$FLOWHOOK" send "$URL?tenant=7" "$WORK/odd.json" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | [.status, .body]]' '[[500,"status 500"],[503,"status 503"],[200,"status 200"]]'
expect_records '.[] | select(.type == "outcome") | [.outcome, .attempts]' '["delivered",3]'
expect_peer_requests 3
expect_peer_bodies "$WORK/odd.json"
[[ $(jq -r .path "$PEER_LOG" | sort -u) == "/hooks?tenant=7" ]] || fail "paths: $(jq -r .path "$PEER_LOG")"
[[ $(jq -r '.headers[] | select(.[0] | ascii_downcase == "content-type") | .[1]' "$PEER_LOG" | sort -u) == application/json* ]] ||
  fail "content types: $(jq -c .headers "$PEER_LOG")"

# A 4xx is final: one attempt.
start_httplib_receiver --answers 422
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "outcome") | [.outcome, .attempts, .status]]' '[["failed",1,422]]'
expect_peer_requests 1

# 30 payloads, 4 workers: each arrives exactly once.
for i in $(seq 1 30); do jq -c ".order.Id = $i" "$FIXTURES/documented/order_settled.json"; done >"$WORK/many.ndjson"
start_httplib_receiver --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/many.ndjson" --concurrency 4
expect_exit 0
expect_out "30 payloads: 30 delivered, 0 failed, 0 gave up, 0 invalid"
[[ $(jq -r .body_base64 "$PEER_LOG" | while read -r b; do base64 -d <<<"$b"; echo; done | jq -s -c 'map(.order.Id) | sort') == "[$(seq -s, 1 30)]" ]] ||
  fail "the receiver did not get each payload exactly once"
finish
