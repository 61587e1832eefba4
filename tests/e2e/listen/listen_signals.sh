#!/usr/bin/env bash
# SIGINT stops the listener cleanly (exit 0, summary); a second signal while a delivery is still
# being answered quits at once with 130.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener interrupted
post /hooks "$ORDER"
expect_code 200
kill -INT "$LISTENER_PID"
wait_exit "$LISTENER_PID" 10
[[ $EXIT_STATUS == 0 ]] || fail "exit after SIGINT: $EXIT_STATUS"
grep -q "flowhook listen: 1 delivery" "$WORK/interrupted.err" || fail "no summary: $(cat "$WORK/interrupted.err")"

start_listener impatient --delay 30s
post /hooks "$ORDER" &
POST_PID=$!
CHILD_PIDS+=("$POST_PID")
sleep 0.5
kill -INT "$LISTENER_PID"
sleep 0.3
kill -0 "$LISTENER_PID" 2>/dev/null || fail "the first signal did not wait for the delivery in flight"
started=$(date +%s)
kill -INT "$LISTENER_PID"
wait_exit "$LISTENER_PID" 10
[[ $EXIT_STATUS == 130 ]] || fail "exit after a second SIGINT: $EXIT_STATUS"
(($(date +%s) - started < 5)) || fail "the second signal did not quit at once"
finish
