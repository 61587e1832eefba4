#!/usr/bin/env bash
# Ctrl-C (SIGINT) or SIGTERM ends a check run at once, even in the middle of a slow attempt:
# exit 130, the checks done are reported, and the report says the run was interrupted.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/check.sh"

for signal in INT TERM; do
  SLOW_SECONDS=20 start_receiver slow_action.py  # a fresh one: it counts what it acted on
  "$FLOWHOOK" check "$RECEIVER" --timeout 30s --format json >"$WORK/report.json" 2>"$WORK/check.err" &
  pid=$!
  CHILD_PIDS+=("$pid")
  # Once the receiver has acted on the actions listed before TILL_OPEN, TILL_OPEN waits for
  # its answer.
  before=$("$FLOWHOOK" --list-actions | grep -n -m1 '^TILL_OPEN$' | cut -d: -f1)
  for _ in $(seq 200); do
    (($(curl -s "${RECEIVER%/hooks}/count" || echo 0) >= before - 1)) && break
    sleep 0.05
  done
  sleep 0.2
  started=$SECONDS
  kill "-$signal" "$pid"
  wait_exit "$pid" 10
  ((EXIT_STATUS == 130)) || fail "SIG$signal: exit $EXIT_STATUS, expected 130; stderr: $(cat "$WORK/check.err")"
  ((SECONDS - started <= 3)) || fail "SIG$signal: took $((SECONDS - started)) s to stop"
  jq -e '.summary.interrupted == true' "$WORK/report.json" >/dev/null || fail "SIG$signal: not reported as interrupted: $(head -c 500 "$WORK/report.json")"
  jq -e '[.checks[].name] | index("accepts/ORDER_SETTLED") != null and index("accepts/TILL_OPEN") == null' \
    "$WORK/report.json" >/dev/null || fail "SIG$signal: the checks done are not the report's: $(jq -c '[.checks[].name]' "$WORK/report.json")"
done
finish
