#!/usr/bin/env bash
# Interim 1xx answers (103 Early Hints here) are read and dropped: the final answer decides.
# Against real receivers: Node's res.writeEarlyHints() and Go's w.WriteHeader(103).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/peers.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

for peer in node go; do
  # 103 then 500: not delivered, retried; 103 then 200: delivered.
  "start_${peer}_receiver" --answers hints:500,hints:200
  run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --timeout 5s --format json
  expect_exit 0
  expect_records '[.[] | select(.type == "attempt") | .status]' '[500,200]'
  expect_records '[.[] | select(.type == "attempt") | .body]' '["status 500","status 200"]'
  expect_records '.[] | select(.type == "outcome") | [.outcome, .attempts]' '["delivered",2]'
  expect_records '[.[] | select(.type == "attempt") | .latency_ms < 4000] | all' 'true'
  expect_peer_requests 2
  expect_peer_bodies "$PAYLOAD"

  # A 103 before a 4xx: failed, never retried.
  "start_${peer}_receiver" --answers hints:409
  run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --timeout 5s
  expect_exit 1
  expect_out "attempt 1: 409 Conflict"
  expect_peer_requests 1
done

# Several interim answers in a row, and many payloads on one keep-alive connection.
start_node_receiver --answers hints2:200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" "$PAYLOAD" "$PAYLOAD" --timeout 5s --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | .status]' '[200,200,200]'
expect_peer_requests 3
finish
