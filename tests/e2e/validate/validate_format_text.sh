#!/usr/bin/env bash
# The text report: an ok/FAIL line per payload, its findings, a summary; no colour in a pipe.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate "$FIXTURES/documented/order_settled.json" "$FIXTURES/invalid/order_id_string.json"
expect_exit 1
expect_out "ok    $FIXTURES/documented/order_settled.json  ORDER_SETTLED"
expect_out "FAIL  $FIXTURES/invalid/order_id_string.json  ORDER_SETTLED"
expect_out "$FIXTURES/invalid/order_id_string.json:12:5: error: /order/Id: expected an integer, got the string \"7123\" [wrong-type]"
expect_out "2 payloads in 2 sources: 1 valid, 1 invalid (1 errors, 0 warnings)"
[[ -z "$ERR" ]] || fail "diagnostics on stderr for a clean run: $ERR"
grep -q $'\033' "$WORK/stdout" && fail "ANSI codes in piped output"

# An alias is reported with the spelling the payload used.
run "$FLOWHOOK" validate "$FIXTURES/documented/product_media_changed.json"
expect_out "PRODUCT_MEDIA_CHANGED (alias of PRODUCT_MEDIA_CHANGE)"

# NO_COLOR wins even where colour would be used (script gives the binary a terminal).
if command -v script >/dev/null; then
  NO_COLOR=1 timeout 60 script -qec "$FLOWHOOK validate $FIXTURES/invalid/order_id_string.json" /dev/null >"$WORK/tty" 2>&1
  grep -q $'\033\\[' "$WORK/tty" && fail "ANSI codes with NO_COLOR set"
  timeout 60 script -qec "$FLOWHOOK validate $FIXTURES/invalid/order_id_string.json" /dev/null >"$WORK/tty" 2>&1
  grep -q $'\033\\[31mFAIL' "$WORK/tty" || fail "no colour on a terminal: $(cat "$WORK/tty")"
fi
finish
