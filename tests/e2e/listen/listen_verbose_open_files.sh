#!/usr/bin/env bash
# listen raises its soft open-files limit to the hard one at start-up (thousands of idle
# keep-alive connections need as many descriptors), and says so under --verbose.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

hard=$(ulimit -Hn)
soft=1024
[[ $hard != unlimited ]] && ((hard < soft)) && soft=$hard
(
  ulimit -Sn "$soft" || exit 1
  exec "$FLOWHOOK" listen --port 0 --verbose --exit-after 1
) >"$WORK/limit.out" 2>"$WORK/limit.err" &
LISTENER_PID=$!
CHILD_PIDS+=("$LISTENER_PID")
for _ in $(seq 100); do
  PORT=$(head -1 "$WORK/limit.err" 2>/dev/null | sed -nE 's|^listening on http://.*:([0-9]+)/$|\1|p')
  [[ -n $PORT ]] && break
  sleep 0.05
done
[[ -n $PORT ]] || { fail "the listener did not start: $(cat "$WORK/limit.err")"; finish; }
limits=$(awk '/^Max open files/ {print $4, $5}' "/proc/$LISTENER_PID/limits")
post /hooks "$ORDER"
expect_code 200
wait_exit "$LISTENER_PID"
if [[ $hard == unlimited ]]; then
  grep -q "open files: no limit" "$WORK/limit.err" || fail "stderr: $(cat "$WORK/limit.err")"
elif ((hard > soft)); then
  grep -q "open files: raised the soft limit from $soft to $hard (the hard limit)" "$WORK/limit.err" ||
    fail "stderr: $(cat "$WORK/limit.err")"
  [[ $limits == "$hard $hard" ]] || fail "the process's limits are $limits, not $hard $hard"
else
  grep -q "open files: soft limit $soft (hard limit $hard)" "$WORK/limit.err" || fail "stderr: $(cat "$WORK/limit.err")"
fi
# Without --verbose, nothing is said.
start_listener quiet --exit-after 1
post /hooks "$ORDER"
wait_exit "$LISTENER_PID"
grep -q "open files" "$WORK/quiet.err" && fail "said without --verbose: $(cat "$WORK/quiet.err")"
finish
