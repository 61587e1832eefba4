#!/usr/bin/env bash
# --exit-after N exits 0 after answering N deliveries, with the summary.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener three --exit-after 3
for _ in 1 2 3; do
  post /hooks "$ORDER"
  expect_code 200
done
wait_exit "$LISTENER_PID" 10
[[ $EXIT_STATUS == 0 ]] || fail "exit status $EXIT_STATUS"
grep -q "flowhook listen: 3 deliveries" "$WORK/three.err" || fail "summary: $(cat "$WORK/three.err")"
finish
