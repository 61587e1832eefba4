#!/usr/bin/env bash
# `listen --record --fsync` on a device that is full (/dev/full: every write fails with ENOSPC)
# answers 503 to every delivery, concurrent ones included, never 2xx; stderr says so once.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

orders "$WORK/orders.ndjson" 200
start_listener full --record /dev/full --fsync --no-body -q
post /hooks "$ORDER"
expect_code 503
grep -q "could not be recorded" "$WORK/answer" || fail "answer: $(cat "$WORK/answer")"
run "$FLOWHOOK" send --concurrency 16 --no-retry --format json "http://127.0.0.1:$PORT/hooks" "$WORK/orders.ndjson"
expect_exit 1
[[ $(jq -r 'select(.type == "attempt") | .status' <<<"$OUT" | sort | uniq -c | awk '{$1=$1; print}') == "200 503" ]] ||
  fail "not every delivery was answered 503: $(jq -r 'select(.type == "attempt") | .status' <<<"$OUT" | sort | uniq -c)"
stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit $EXIT_STATUS"
[[ $(grep -c "cannot write the record file /dev/full" "$WORK/full.err") == 1 ]] || fail "stderr: $(cat "$WORK/full.err")"
grep -q "answers: 503 x201" "$WORK/full.err" || fail "summary: $(cat "$WORK/full.err")"
finish
