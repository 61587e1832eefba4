#!/usr/bin/env bash
# --quiet prints only the failures, in every format.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate -q "$FIXTURES/documented" "$FIXTURES/invalid/order_id_string.json"
expect_exit 1
expect_out "FAIL  $FIXTURES/invalid/order_id_string.json"
expect_no_out "ok  "
expect_no_out "payloads in"
[[ $(wc -l <"$WORK/stdout") == 2 ]] || fail "quiet text: expected 2 lines: $OUT"

run "$FLOWHOOK" validate -q "$FIXTURES/documented"
expect_exit 0
[[ -z "$OUT" ]] || fail "quiet run with no failure printed: $OUT"

run "$FLOWHOOK" validate -q --format json "$FIXTURES/documented" "$FIXTURES/invalid/order_id_string.json"
expect_json '.payloads | length' 1
expect_json '.totals.payloads' 17
finish
