#!/usr/bin/env bash
# --gzip sends each body gzip-compressed with Content-Encoding: gzip; the receiver (Node's
# zlib here, and gzip(1)) gets exactly the payload back. Without it, nothing is compressed.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/peers.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

header() { jq -r --arg name "$1" '.headers[] | select(.[0] | ascii_downcase == ($name | ascii_downcase)) | .[1]' <<<"$2"; }

start_node_receiver --answers 500,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --gzip --backoff 10ms
expect_exit 0
expect_peer_requests 2
while read -r request; do
  [[ $(header Content-Encoding "$request") == gzip ]] || fail "Content-Encoding: $(header Content-Encoding "$request")"
  [[ $(jq -r .decoded_base64 <<<"$request") == $(base64 -w0 "$PAYLOAD") ]] || fail "decoded body differs: $(jq -c . <<<"$request")"
  jq -r .body_base64 <<<"$request" | base64 -d >"$WORK/body.gz"
  cmp -s <(gzip -dc "$WORK/body.gz") "$PAYLOAD" || fail "gzip -d does not give the payload"
  [[ $(header Content-Length "$request") == $(stat -c %s "$WORK/body.gz") ]] || fail "Content-Length is not the compressed size"
done <"$PEER_LOG"
# Both attempts carry the same bytes.
[[ $(jq -r .body_base64 "$PEER_LOG" | sort -u | wc -l) == 1 ]] || fail "the retry sent other bytes"

# Many payloads: each compressed on its own.
for i in 1 2 3; do jq -c ".order.Id = $i" "$PAYLOAD"; done >"$WORK/three.ndjson"
start_node_receiver --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/three.ndjson" --gzip --concurrency 3
expect_exit 0
[[ $(jq -r .decoded_base64 "$PEER_LOG" | base64 -d | jq -s -c 'map(.order.Id) | sort') == "[1,2,3]" ]] ||
  fail "decoded bodies: $(jq -r .decoded_base64 "$PEER_LOG" | base64 -d)"

run "$FLOWHOOK" send "$URL" "$PAYLOAD" --gzip --dry-run
expect_exit 0
expect_out "Content-Encoding: gzip"
expect_out "Content-Length: $(gzip -c <"$PAYLOAD" | wc -c)"

start_node_receiver --answers 200
run "$FLOWHOOK" send "$URL" "$PAYLOAD"
expect_exit 0
[[ -z $(header Content-Encoding "$(cat "$PEER_LOG")") ]] || fail "Content-Encoding without --gzip"
expect_peer_bodies "$PAYLOAD"
finish
