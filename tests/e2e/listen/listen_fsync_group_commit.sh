#!/usr/bin/env bash
# `listen --record --fsync` commits in groups: under 32 concurrent senders, deliveries that
# arrive while an fdatasync is in flight share the next one (--verbose counts the writes, and
# strace counts the fdatasync calls when it is installed); a lone delivery is answered at once,
# with one write of its own.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

# A lone delivery: answered promptly, one write, one record.
start_listener lone --record "$WORK/lone.ndjson" --fsync --verbose -q
post /hooks "$ORDER" -o /dev/null -w '%{http_code} %{time_total}'
read -r CODE seconds <<<"$CODE"
expect_code 200
awk -v s="$seconds" 'BEGIN { exit !(s < 0.5) }' || fail "a lone delivery took $seconds s"
stop_listener "$LISTENER_PID"
grep -q "recorded 1 deliveries in 1 writes, each made durable by one fdatasync" "$WORK/lone.err" ||
  fail "lone: $(cat "$WORK/lone.err")"

# 32 at once: fewer writes (and fdatasync calls) than deliveries, every delivery recorded.
orders "$WORK/orders.ndjson" 2000
tracer=()
command -v strace >/dev/null && tracer=(strace -f -qq -e trace=fdatasync,fsync -o "$WORK/strace.out")
"${tracer[@]}" "$FLOWHOOK" listen --port 0 --record "$WORK/group.ndjson" --fsync --verbose -q \
  >"$WORK/group.out" 2>"$WORK/group.err" &
LISTENER_PID=$!
CHILD_PIDS+=("$LISTENER_PID")
for _ in $(seq 200); do
  PORT=$(sed -nE 's|^listening on http://.*:([0-9]+)/$|\1|p' "$WORK/group.err" 2>/dev/null | head -1)
  [[ -n $PORT ]] && break
  sleep 0.05
done
[[ -n $PORT ]] || { fail "the listener did not start: $(cat "$WORK/group.err")"; finish; }
run "$FLOWHOOK" send --concurrency 32 --no-retry -q "http://127.0.0.1:$PORT/hooks" "$WORK/orders.ndjson"
expect_exit 0
# Under strace the listener is strace's child: it gets the SIGTERM, and strace ends with it.
target=$LISTENER_PID
((${#tracer[@]})) && target=$(pgrep -P "$LISTENER_PID" | head -1)
kill -TERM "${target:-$LISTENER_PID}"
wait_exit "$LISTENER_PID"
expect_file_lines "$WORK/group.ndjson" 2000
summary=$(sed -nE 's/.*recorded ([0-9]+) deliveries in ([0-9]+) writes.*/\1 \2/p' "$WORK/group.err")
read -r deliveries writes <<<"$summary"
[[ $deliveries == 2000 ]] || fail "the summary counts ${deliveries:-no} deliveries: $(cat "$WORK/group.err")"
((${writes:-2000} < 2000 / 2)) || fail "no batches formed: $writes writes for 2000 deliveries"
if ((${#tracer[@]})); then
  syncs=$(grep -cE '(fdatasync|fsync)\(' "$WORK/strace.out")  # fsync: the POSIX backend
  # One per batch, and one as the file is closed.
  ((syncs == writes + 1)) || fail "strace counted $syncs fdatasync calls for $writes writes"
  echo "fdatasync calls (strace): $syncs"
fi
echo "2000 deliveries in $writes writes"
finish
