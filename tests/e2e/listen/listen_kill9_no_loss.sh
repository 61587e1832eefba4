#!/usr/bin/env bash
# kill -9 while `flowhook send --concurrency 32` delivers: every delivery answered 2xx is in the
# record file, once; the file is valid NDJSON except at most a torn last line, which
# `flowhook send --replay` and `flowhook validate` report with its number and skip.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

orders "$WORK/orders.ndjson" 20000
start_listener victim --record "$WORK/victim.ndjson" --no-body
start_send_load load "$WORK/orders.ndjson"
wait_lines "$WORK/victim.ndjson" 300
kill -9 "$LISTENER_PID"
wait_exit "$LISTENER_PID"
wait "$SEND_PID"
[[ $? == 1 ]] || fail "send did not report the deliveries that failed: $(tail -1 "$WORK/load.report")"

accepted=$(answered_2xx "$WORK/load.report")
recorded=$(recorded_orders "$WORK/victim.ndjson")
(($(wc -l <<<"$accepted") > 100)) || fail "too few deliveries to prove anything: $(tail -1 "$WORK/load.report")"
(($(wc -l <<<"$accepted") < 20000)) || fail "the kill came after the last delivery"
missing=$(comm -23 <(echo "$accepted") <(echo "$recorded"))
[[ -z "$missing" ]] || fail "answered 2xx but not recorded: $(head -5 <<<"$missing" | tr '\n' ' ')"
[[ -z $(uniq -d <<<"$recorded") ]] || fail "a delivery was recorded twice"
head -n -1 "$WORK/victim.ndjson" | jq -e . >/dev/null || fail "a record other than the last is not JSON"
echo "answered 2xx: $(wc -l <<<"$accepted"), recorded: $(wc -l <"$WORK/victim.ndjson") lines"

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
