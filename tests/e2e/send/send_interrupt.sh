#!/usr/bin/env bash
# Ctrl-C (SIGINT) or SIGTERM stops cleanly: no new attempt, the attempt in flight is abandoned,
# and the report says what was delivered and what was not; exit 130.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

# wait_for_requests N: until the server has logged N requests (at most 10 s).
wait_for_requests() {
  local i
  for ((i = 0; i < 200; i++)); do
    (($(requests) >= $1)) && return 0
    sleep 0.05
  done
  fail "the server never got $1 request(s)"
}

# interrupt_after N ARGS...: runs flowhook send ARGS, sends $SIGNAL (SIGINT unless set) once the
# server has logged N requests, and sets STATUS, OUT, ERR and ELAPSED_MS (from the signal to exit).
interrupt_after() {
  local count=$1
  shift
  "$FLOWHOOK" send "$@" >"$WORK/stdout" 2>"$WORK/stderr" &
  local pid=$!
  CHILD_PIDS+=("$pid")
  wait_for_requests "$count"
  sleep 0.2
  local started
  started=$(date +%s%N)
  kill -"${SIGNAL:-INT}" "$pid"
  wait "$pid"
  STATUS=$?
  ELAPSED_MS=$((($(date +%s%N) - started) / 1000000))
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}

# Between attempts: the long wait before the retry is cut short.
start_server --answers 500,200
printf '%s\n%s\n' "$(jq -c . "$PAYLOAD")" "$(jq -c '.order.Id = 2' "$PAYLOAD")" >"$WORK/two.ndjson"
interrupt_after 1 "$URL" "$WORK/two.ndjson" --backoff 20s
expect_exit 130
((ELAPSED_MS < 5000)) || fail "took ${ELAPSED_MS} ms to stop after SIGINT (the wait was 20 s)"
expect_out "two.ndjson:1  ORDER_SETTLED  not delivered: interrupted after 1 attempt"
expect_out "two.ndjson:2  ORDER_SETTLED  not delivered: interrupted after 0 attempts"
expect_out "0 delivered, 0 failed, 0 gave up, 0 invalid, 2 not delivered (interrupted)"
expect_requests 1

# During an attempt: a receiver dripping its answer does not hold flowhook.
start_server --answers 200,drip
printf '%s\n%s\n' "$(jq -c . "$PAYLOAD")" "$(jq -c '.order.Id = 2' "$PAYLOAD")" >"$WORK/two.ndjson"
interrupt_after 2 "$URL" "$WORK/two.ndjson" --format json
expect_exit 130
((ELAPSED_MS < 5000)) || fail "took ${ELAPSED_MS} ms to stop a dripping attempt after SIGINT (it drips for 40 s)"
expect_records '[.[] | select(.type == "outcome") | .outcome]' '["delivered","interrupted"]'
expect_records '.[] | select(.type == "summary") | [.delivered, .interrupted, .was_interrupted]' '[1,1,true]'
# SIGTERM (a supervisor, a CI job's timeout) is the same clean stop.
start_server --answers 200,drip
SIGNAL=TERM interrupt_after 2 "$URL" "$WORK/two.ndjson" --format json
expect_exit 130
((ELAPSED_MS < 5000)) || fail "took ${ELAPSED_MS} ms to stop after SIGTERM"
expect_records '[.[] | select(.type == "outcome") | .outcome]' '["delivered","interrupted"]'

finish
