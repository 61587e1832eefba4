#!/usr/bin/env bash
# Receivers that drip their answer a byte a second time out at --timeout (the whole attempt,
# not each read); a 1 GiB answer body is read with flat memory.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

for drip in drip dripbody; do
  start_server --answers "$drip"
  started=$(date +%s%N)
  run "$FLOWHOOK" send "$URL" "$PAYLOAD" --timeout 1500ms --no-retry --format json
  elapsed_ms=$((($(date +%s%N) - started) / 1000000))
  expect_exit 1
  expect_records '[.[] | select(.type == "attempt") | .error]' '["timeout"]'
  expect_records '.[] | select(.type == "attempt") | .latency_ms >= 1500 and .latency_ms < 3500' 'true'
  ((elapsed_ms < 8000)) || fail "$drip: the attempt took ${elapsed_ms} ms with --timeout 1500ms"
done

# 1 GiB of answer body: delivered, and flowhook's memory stays far below the body's size.
start_server --answers huge:1073741824
/usr/bin/time -v -o "$WORK/time.txt" timeout 60 "$FLOWHOOK" send "$URL" "$PAYLOAD" --timeout 50s --no-retry \
  --format json >"$WORK/stdout" 2>"$WORK/stderr"
STATUS=$?
expect_exit 0
expect_records '.[] | select(.type == "attempt") | [.status, .body_bytes]' '[200,1073741824]'
expect_records '.[] | select(.type == "attempt") | .body | length' '256'
rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
echo "max RSS for a 1 GiB answer: ${rss_kib} KiB"
# 64 MiB in a normal build; a sanitizer build carries its shadow memory on top.
limit_kib=$((64 * 1024 * MEMORY_FACTOR))
((rss_kib > 0 && rss_kib < limit_kib)) || fail "max RSS ${rss_kib} KiB for a 1 GiB answer (limit ${limit_kib} KiB)"
finish
