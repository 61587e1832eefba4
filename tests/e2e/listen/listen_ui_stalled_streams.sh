#!/usr/bin/env bash
# listen --ui: 16 event streams whose browsers never read hold no thread that answers
# deliveries and no unbounded memory: deliveries keep being answered at once, each stalled
# stream is closed past its backlog, and its place is free for a new stream.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/ui.sh"

start_ui stalled --ui-keep-bytes 8MiB --max-body 2MiB -q
stalled=()
for i in $(seq 16); do
  $SSE "$PORT" --no-read >"$WORK/stalled.$i" &
  stalled+=($!)
  CHILD_PIDS+=($!)
done
for i in $(seq 100); do
  (($(cat "$WORK"/stalled.* | grep -c connected) == 16)) && break
  sleep 0.05
done
sleep 0.5
ui_get /_flowhook/events
[[ $CODE == 503 ]] || fail "16 stalled streams should fill every place: $CODE"

# 60 MB of deliveries, 100 KB each, past every backlog and socket buffer of the 16. Sent over
# four seconds: a stream is sent five deliveries in full per tenth of a second and the rest
# coalesced, so a burst sent in under a second could fit in the sockets' buffers.
python3 -c 'import json; print(json.dumps({"action": "ORDER_SETTLED", "pad": "x" * 100000}))' >"$WORK/big"
for i in $(seq 600); do cat "$WORK/big"; done >"$WORK/big.ndjson"
base_rss=$(rss_kb "$LISTENER_PID")
run "$FLOWHOOK" send --no-validate --no-retry --timeout 2s --concurrency 4 --rate 150 --format json "http://127.0.0.1:$PORT/hooks" "$WORK/big.ndjson"
expect_exit 0
slowest=$(jq -r 'select(.type == "attempt") | .latency_ms' <<<"$OUT" | sort -n | tail -1)
delivered=$(jq -c 'select(.type == "outcome" and .outcome == "delivered")' <<<"$OUT" | wc -l)
((delivered == 600)) || fail "only $delivered of 600 delivered while 16 streams stalled"
awk -v s="$slowest" 'BEGIN {exit !(s < 1000)}' || fail "the slowest answer took ${slowest} ms"
rss=$(rss_kb "$LISTENER_PID")
limit=$((200 * 1024 * MEMORY_FACTOR))
((rss < limit)) || fail "resident memory ${rss} KiB (limit $limit KiB, at the start $base_rss KiB)"

# The stalled streams were cut off: a new one opens.
for i in $(seq 100); do
  $SSE "$PORT" --seconds 1 >"$WORK/fresh"
  [[ $(head -1 "$WORK/fresh") == 200 ]] && break
  sleep 0.1
done
[[ $(head -1 "$WORK/fresh") == 200 ]] || fail "no place for a new stream after the stalled ones fell behind: $(head -1 "$WORK/fresh")"
kill "${stalled[@]}" 2>/dev/null
stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit $EXIT_STATUS"
echo "slowest=${slowest}ms rss=${rss}KiB"
finish
