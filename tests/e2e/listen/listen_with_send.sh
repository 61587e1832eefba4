#!/usr/bin/env bash
# flowhook send against flowhook listen's scripted faults, both sides checked: --fail-first 2
# and --respond 500,drop,200 take 3 attempts and end delivered; --status 404 is given up after
# one attempt; --delay past send's --timeout is retried; send --replay of a --record file
# re-sends exactly the recorded bodies.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

SEND=("$FLOWHOOK" send --backoff 100ms --max-backoff 200ms --no-jitter --format json)

# sent FILTER: jq's compact output of FILTER over send's NDJSON report, slurped into one array.
sent() { jq -s -c "$1" <"$WORK/stdout"; }
# heard NAME FILTER: the same over the listener's --format ndjson output.
heard() { jq -s -c "$2" <"$WORK/$1.out"; }

# expect_same NAME GOT WANT
expect_same() { [[ "$2" == "$3" ]] || fail "$1: expected $3, got $2"; }

# Scripted faults: 3 attempts on send's side, 3 deliveries of one body on listen's side, only
# the last (2xx) recorded.
check_script() {
  local name=$1 statuses=$2 errors=$3
  shift 3
  start_listener "$name" --format ndjson --record "$WORK/$name.ndjson" "$@"
  run "${SEND[@]}" "http://127.0.0.1:$PORT/hooks" "$ORDER"
  expect_exit 0
  stop_listener "$LISTENER_PID"
  expect_same "$name: send's statuses" "$(sent '[.[] | select(.type == "attempt") | .status]')" "$statuses"
  expect_same "$name: send's errors" "$(sent '[.[] | select(.type == "attempt") | .error]')" "$errors"
  expect_same "$name: send's outcome" "$(sent '[.[] | select(.type == "outcome") | [.outcome, .attempts]]')" '[["delivered",3]]'
  expect_same "$name: listen's answers" "$(heard "$name" '[.[] | [.repeat, .status]]')" \
    "$(jq -c '[to_entries[] | [.key + 1, .value]]' <<<"$statuses")"
  grep -q "flowhook listen: 3 deliveries" "$WORK/$name.err" || fail "$name: $(cat "$WORK/$name.err")"
  expect_file_lines "$WORK/$name.ndjson" 1
  expect_same "$name: record" "$(jq -c '[.repeat, .status, .action]' "$WORK/$name.ndjson")" '[3,200,"ORDER_SETTLED"]'
}
check_script failfirst '[500,500,200]' '[null,null,null]' --fail-first 2
check_script respond '[500,null,200]' '[null,"reset",null]' --respond 500,drop,200

# 4xx: failed after one attempt, never retried; exit 1.
start_listener notfound --format ndjson --status 404
run "${SEND[@]}" "http://127.0.0.1:$PORT/hooks" "$ORDER"
expect_exit 1
stop_listener "$LISTENER_PID"
expect_same "404: send" "$(sent '[.[] | select(.type == "outcome") | [.outcome, .attempts, .status]]')" '[["failed",1,404]]'
expect_same "404: listen" "$(heard notfound '[.[] | .status]')" '[404]'

# An answer later than send's --timeout is a timeout, and retried: 3 attempts, then it gives up.
start_listener slow --format ndjson --delay 1s
run "${SEND[@]}" --timeout 300ms --retries 2 "http://127.0.0.1:$PORT/hooks" "$ORDER"
expect_exit 1
stop_listener "$LISTENER_PID"
expect_same "delay: send's errors" "$(sent '[.[] | select(.type == "attempt") | .error]')" '["timeout","timeout","timeout"]'
expect_same "delay: send's outcome" "$(sent '[.[] | select(.type == "outcome") | [.outcome, .attempts]]')" '[["gave_up",3]]'
expect_same "delay: listen's repeats" "$(heard slow '[.[] | .repeat]')" '[1,2,3]'

# Replay: a pretty-printed payload (newlines kept), a compact one, and bytes that are not UTF-8
# (recorded as raw_base64) reach a second listener exactly as the first one received them.
printf '{"action":"ORDER_SETTLED","note":"\xff\xfe"}' >"$WORK/latin.json"
jq -c . "$CUSTOMER" >"$WORK/compact.json"
start_listener recorder --record "$WORK/recorded.ndjson"
run "${SEND[@]}" --no-validate -H 'X-Trace: 42' "http://127.0.0.1:$PORT/hooks" "$ORDER" \
  "$WORK/compact.json" "$WORK/latin.json"
expect_exit 0
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/recorded.ndjson" 3
start_listener replayed --record "$WORK/replayed.ndjson"
run "${SEND[@]}" "http://127.0.0.1:$PORT/other" --replay "$WORK/recorded.ndjson" --no-validate
expect_exit 0
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/replayed.ndjson" 3
# body N FILE: the exact bytes of record N's body.
body() {
  local record
  record=$(sed -n "${1}p" "$2")
  if [[ $(jq -r 'has("raw_base64")' <<<"$record") == true ]]; then
    jq -r .raw_base64 <<<"$record" | base64 -d
  else
    jq -j .raw <<<"$record"
  fi
}
n=1
for original in "$ORDER" "$WORK/compact.json" "$WORK/latin.json"; do
  cmp -s <(body $n "$WORK/recorded.ndjson") "$original" || fail "record $n is not the body sent"
  cmp -s <(body $n "$WORK/replayed.ndjson") "$original" || fail "replay $n is not the recorded body"
  n=$((n + 1))
done
[[ $(jq -r 'has("raw_base64")' "$WORK/replayed.ndjson" | tr '\n' ' ') == "false false true " ]] ||
  fail "the non-UTF-8 body was not recorded as raw_base64"
[[ $(jq -r '.headers[] | select(.[0] == "X-Trace") | .[1]' "$WORK/replayed.ndjson" | tr '\n' ' ') == "42 42 42 " ]] ||
  fail "recorded headers not replayed: $(jq -c .headers "$WORK/replayed.ndjson")"
finish
