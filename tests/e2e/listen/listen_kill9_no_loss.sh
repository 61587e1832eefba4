#!/usr/bin/env bash
# kill -9 while `flowhook send --concurrency 32` delivers: every delivery answered 2xx is in the
# record file, once; the file is valid NDJSON except at most a torn last line, which
# `flowhook send --replay` and `flowhook validate` report with its number and skip.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

kill9_under_load

# A torn last line: the one the kill left, or one made here when the kill fell between records.
cp "$WORK/victim.ndjson" "$WORK/torn.ndjson"
if [[ -z $(tail -c 1 "$WORK/torn.ndjson") ]]; then
  head -n 1 "$WORK/torn.ndjson" | head -c 150 >>"$WORK/torn.ndjson"
fi
lines=$(($(wc -l <"$WORK/torn.ndjson") + 1))
complete=$((lines - 1))

start_listener replayed --record "$WORK/replayed.ndjson" --no-body
run "$FLOWHOOK" send "http://127.0.0.1:$PORT/hooks" --replay "$WORK/torn.ndjson" --concurrency 8 -q
expect_exit 0
expect_err "torn.ndjson:$lines: skipped: not a complete JSON record"
[[ $(grep -c "skipped" <<<"$ERR") == 1 ]] || fail "more than the torn line was skipped: $ERR"
stop_listener "$LISTENER_PID"
[[ $(recorded_orders "$WORK/replayed.ndjson") == $(head -n "$complete" "$WORK/torn.ndjson" | jq -r .body.order.Id | sort) ]] ||
  fail "the replay did not re-send exactly the complete records"

# validate checks every line (records are not payloads, so it exits 1) and reports the torn one
# as not JSON, with its line number.
run "$FLOWHOOK" validate --format json "$WORK/torn.ndjson"
expect_exit 1
expect_json '[.payloads[] | select(any(.findings[]; .code == "invalid-json")) | .line]' "[$lines]"
expect_json '.payloads | length' "$lines"
finish
