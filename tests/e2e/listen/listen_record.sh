#!/usr/bin/env bash
# --record appends exactly one record per 2xx answer, in the shared record format; records
# survive a restart (append) and --fsync; -q prints nothing but still records.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener rec --record "$WORK/rec.ndjson" --fail-first 1
post /hooks "$ORDER"
expect_code 500
post /hooks "$ORDER"
expect_code 200
post /hooks "$CUSTOMER"
expect_code 500
post /hooks "$CUSTOMER"
expect_code 200
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/rec.ndjson" 2
jq -e . "$WORK/rec.ndjson" >/dev/null || fail "not NDJSON"
[[ $(jq -c '[.action, .repeat, .status]' "$WORK/rec.ndjson" | tr -d '\n') == '["ORDER_SETTLED",2,200]["CUSTOMER_CREATE",2,200]' ]] ||
  fail "records: $(cat "$WORK/rec.ndjson")"
# The same record as --format ndjson prints, status included.
start_listener again --record "$WORK/rec.ndjson" --fsync --format ndjson
post /hooks "$ORDER"
expect_code 200
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/rec.ndjson" 3
cmp -s <(tail -1 "$WORK/rec.ndjson") "$WORK/again.out" || fail "record differs from the ndjson output"
# -q: nothing on stdout, every delivery still answered and recorded.
start_listener quiet --record "$WORK/rec.ndjson" -q
post /hooks "$ORDER"
expect_code 200
post /hooks "$CUSTOMER"
expect_code 200
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/rec.ndjson" 5
[[ ! -s "$WORK/quiet.out" ]] || fail "-q printed: $(cat "$WORK/quiet.out")"
finish
