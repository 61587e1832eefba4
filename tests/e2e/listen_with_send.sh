#!/usr/bin/env bash
# flowhook send against flowhook listen's scripted faults: --fail-first 2 and --respond
# 500,drop,200 take 3 attempts and end delivered; --status 404 is given up after one attempt;
# --delay past send's --timeout is retried; send --replay re-sends a --record file exactly.
# (Skipped until the send subcommand is merged.)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/helpers/listen.sh"

if ! "$FLOWHOOK" send --help 2>/dev/null | grep -q -- "--replay"; then
  echo "$TEST_NAME: skipped (no send subcommand in this build)"
  exit 0
fi
SEND=("$FLOWHOOK" send --backoff 100ms --max-backoff 200ms --no-jitter)

for script in "--fail-first 2" "--respond 500,drop,200"; do
  name=${script%% *}
  name=${name#--}
  # shellcheck disable=SC2086
  start_listener "$name" $script --record "$WORK/$name.ndjson"
  run "${SEND[@]}" "http://127.0.0.1:$PORT/hooks" "$ORDER"
  expect_exit 0
  stop_listener "$LISTENER_PID"
  grep -q "flowhook listen: 3 deliveries" "$WORK/$name.err" || fail "$script: $(cat "$WORK/$name.err")"
  expect_file_lines "$WORK/$name.ndjson" 1
done

start_listener notfound --status 404
run "${SEND[@]}" "http://127.0.0.1:$PORT/hooks" "$ORDER"
expect_exit 1
stop_listener "$LISTENER_PID"
grep -q "flowhook listen: 1 delivery" "$WORK/notfound.err" || fail "404 was retried: $(cat "$WORK/notfound.err")"

start_listener slow --delay 1s
run "${SEND[@]}" --timeout 300ms --retries 1 "http://127.0.0.1:$PORT/hooks" "$ORDER"
expect_exit 1
stop_listener "$LISTENER_PID"
grep -q "flowhook listen: 2 deliveries" "$WORK/slow.err" || fail "a timeout was not retried: $(cat "$WORK/slow.err")"

start_listener recorder --record "$WORK/recorded.ndjson"
run "${SEND[@]}" -H 'X-Trace: 42' "http://127.0.0.1:$PORT/hooks" "$ORDER" "$CUSTOMER"
expect_exit 0
stop_listener "$LISTENER_PID"
start_listener replayed --record "$WORK/replayed.ndjson"
run "${SEND[@]}" --replay "$WORK/recorded.ndjson" "http://127.0.0.1:$PORT/hooks"
expect_exit 0
stop_listener "$LISTENER_PID"
[[ $(jq -c '[.raw, (.headers[] | select(.[0] == "X-Trace") | .[1])]' "$WORK/recorded.ndjson") == \
   $(jq -c '[.raw, (.headers[] | select(.[0] == "X-Trace") | .[1])]' "$WORK/replayed.ndjson") ]] ||
  fail "replay differs: $(cat "$WORK/replayed.ndjson")"
finish
