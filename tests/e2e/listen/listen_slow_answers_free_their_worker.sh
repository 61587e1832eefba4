#!/usr/bin/env bash
# A delivery that waits on purpose (here --delay) does not hold one of the few worker slots
# that compute (four per core, at least eight): three times as many deliveries as slots, sent
# at once, are all answered after about one delay, not one wave of slots after another.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

slots=$((4 * $(nproc)))
((slots < 8)) && slots=8
count=$((3 * slots))
((count > 120)) && count=120  # the pool's 128 threads, whatever the slots

start_listener slow --delay 2s --record "$WORK/slow.ndjson" -q
started=$(date +%s.%N)
senders=()
for i in $(seq "$count"); do
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 20 -H 'Content-Type: application/json' \
    --data-binary "@$ORDER" "http://127.0.0.1:$PORT/hooks" >"$WORK/code.$i" &
  senders+=("$!")
  CHILD_PIDS+=("$!")
done
wait "${senders[@]}"
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
[[ $(cat "$WORK"/code.* | grep -c '^200$') == "$count" ]] || fail "not every delivery got 200: $(sort "$WORK"/code.* | uniq -c)"
# One delay is 2 s; three waves of slots would be 6 s.
awk -v e="$elapsed" 'BEGIN { exit !(e < 4.5) }' || fail "$count delayed deliveries took $elapsed s"
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/slow.ndjson" "$count"
finish
