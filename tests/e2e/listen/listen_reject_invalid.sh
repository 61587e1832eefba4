#!/usr/bin/env bash
# --reject-invalid answers 400 with the findings to a payload that fails validation.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener strict --reject-invalid --record "$WORK/strict.ndjson"
post /hooks "$ORDER"
expect_code 200
printf '{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"}}' >"$WORK/partial.json"
post /hooks "$WORK/partial.json"
expect_code 400
jq -e '.error == "invalid payload" and (.findings | length) >= 3' "$WORK/answer" >/dev/null || fail "400 body: $(cat "$WORK/answer")"
jq -e '.findings | map(test("store")) | any' "$WORK/answer" >/dev/null || fail "the missing store is not named"
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/strict.ndjson" 1
grep -qF "answered 400: invalid payload (--reject-invalid)" "$WORK/strict.out" || fail "not printed"
finish
