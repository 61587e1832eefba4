#!/usr/bin/env bash
# A record file that cannot be written: every delivery gets 503 (so the platform retries),
# never 2xx, and stderr says so once, not once per delivery.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

check_unwritable() {
  local name=$1 file=$2
  start_listener "$name" --record "$file"
  for _ in 1 2 3; do
    post /hooks "$ORDER"
    expect_code 503
  done
  stop_listener "$LISTENER_PID"
  [[ $EXIT_STATUS == 0 ]] || fail "$name: exit $EXIT_STATUS"
  [[ $(grep -c "cannot write the record file" "$WORK/$name.err") == 1 ]] || fail "$name: stderr: $(cat "$WORK/$name.err")"
  grep -q "answered 503: the record file cannot be written" "$WORK/$name.out" || fail "$name: not printed"
  grep -q "answers: 503 x3" "$WORK/$name.err" || fail "$name: summary: $(cat "$WORK/$name.err")"
}

check_unwritable full /dev/full
check_unwritable missing "$WORK/no/such/folder/rec.ndjson"
if [[ $(id -u) != 0 ]]; then  # root writes into read-only folders anyway
  mkdir "$WORK/ro" && chmod 555 "$WORK/ro"
  check_unwritable readonly "$WORK/ro/rec.ndjson"
fi
finish
