#!/usr/bin/env bash
# send -v logs on stderr, as it happens, the settings, then each attempt (number of the most,
# status or error, latency, the wait before the retry) and each outcome, with the time since the
# start; stdout, text or JSON, stays what it is without -v. A real receiver: flowhook listen
# --fail-first 1 answers 500 to the first delivery of each body, then 200.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

# Each run sends the same body: a fresh receiver fails its first delivery again.
fresh_receiver() {
  [[ -n "${LISTENER_PID:-}" ]] && stop_listener "$LISTENER_PID"
  start_listener receiver --fail-first 1
  url="http://127.0.0.1:$PORT/hooks"
  SEND=("$FLOWHOOK" send "$url" --action ORDER_SETTLED --seed 7 --backoff 200ms --no-jitter)
}
LISTENER_PID=

# expect_line N REGEX: line N of stderr matches REGEX (whole line).
expect_line() {
  local line
  line=$(sed -n "$1p" <<<"$ERR")
  [[ "$line" =~ ^$2$ ]] || fail "stderr line $1: '$line' does not match '$2'; stderr: $ERR"
}

fresh_receiver
run "${SEND[@]}" -v --format json
expect_exit 0
label='sample ORDER_SETTLED  ORDER_SETTLED'
expect_line 1 "flowhook: send: delivering to http://127\.0\.0\.1:$PORT/hooks: timeout 10s per attempt, up to 10 retries \(backoff 200ms, doubling to at most 1m, no jitter\), concurrency 1, no rate limit"
expect_line 2 "flowhook: send: \+0\.[0-9]{3}s $label  attempt 1 of 11: 500 Internal Server Error in [0-9.]+ms  \".*\"; retry in 200ms"
expect_line 3 "flowhook: send: \+0\.[0-9]{3}s $label  attempt 2 of 11: 200 OK in [0-9.]+ms  \".*\""
expect_line 4 "flowhook: send: \+0\.[0-9]{3}s $label  delivered after 2 attempts"
[[ $(wc -l <<<"$ERR") == 4 ]] || fail "expected 4 stderr lines (--seed given: no seed line); stderr: $ERR"
# The time stamps tell the wait: the second attempt comes 200ms after the first.
first=$(sed -nE '2s/^flowhook: send: \+([0-9.]+)s .*/\1/p' <<<"$ERR")
second=$(sed -nE '3s/^flowhook: send: \+([0-9.]+)s .*/\1/p' <<<"$ERR")
python3 -c "import sys; sys.exit(0 if $second - $first >= 0.19 else 1)" ||
  fail "the retry came $first -> $second, before the 200ms backoff"
# stdout: the same NDJSON records as without -v, and nothing else.
jq -e -s 'map(.type) == ["attempt","attempt","outcome","summary"]' <"$WORK/stdout" >/dev/null ||
  fail "-v changed the JSON report: $OUT"

# Text output: stdout is the report without -v (nothing of the log), stderr the log.
fresh_receiver
run "${SEND[@]}" -v
expect_exit 0
expect_out "attempt 1: 500 Internal Server Error"
expect_no_out "flowhook: send:"
expect_line 4 "flowhook: send: \+0\.[0-9]{3}s $label  delivered after 2 attempts"

# Without --seed the log starts with the seed, so that the run (jitter included) can be repeated.
run "$FLOWHOOK" send "$url" --action ORDER_SETTLED --no-retry -v
expect_exit 0
expect_line 1 "flowhook: send: seed [0-9]+ \(--seed [0-9]+ repeats this run\)"
expect_line 2 "flowhook: send: delivering to .*: timeout 10s per attempt, no retries, concurrency 1, no rate limit"

# A failure that is not an answer, and a rate: the error in place of the status.
run "$FLOWHOOK" send http://127.0.0.1:1/hooks --action ORDER_SETTLED --seed 7 --retries 1 \
  --backoff 10ms --no-jitter --rate 50 -v
expect_exit 1
expect_line 1 "flowhook: send: delivering to http://127\.0\.0\.1:1/hooks: timeout 10s per attempt, up to 1 retry \(backoff 10ms, doubling to at most 1m, no jitter\), concurrency 1, at most 50 attempts/s"
expect_line 2 "flowhook: send: \+0\.[0-9]{3}s $label  attempt 1 of 2: refused \(connection refused\) after [0-9.]+ms; retry in 10ms"
expect_line 4 "flowhook: send: \+0\.[0-9]{3}s $label  gave up after 2 attempts"

# -q and -v exclude each other, as in every subcommand.
run "${SEND[@]}" -q -v
expect_exit 2
expect_line 1 "flowhook: send: --quiet and --verbose exclude each other: give one or neither"
[[ -z "$OUT" ]] || fail "a usage error printed on stdout: $OUT"

stop_listener "$LISTENER_PID"
finish
