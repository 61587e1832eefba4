#!/usr/bin/env bash
# Invalid UTF-8 inside a string makes the payload invalid (exit 1); the report stays valid
# UTF-8 and valid JSON.
source "$(dirname "$0")/../lib.sh"

sed 's/"flow-demo-store"/"flow-\xff\xfe-store"/' "$FIXTURES/documented/order_receipt_settled.json" >"$WORK/latin1.json"
grep -q $'\xff' "$WORK/latin1.json" || fail "the fixture did not get its invalid byte"
run "$FLOWHOOK" validate "$WORK/latin1.json"
expect_exit 1
expect_out "error: not JSON: an invalid UTF-8 sequence in a string: 0xFF is never in UTF-8 [invalid-json]"

run "$FLOWHOOK" validate --format json "$WORK/latin1.json"
expect_exit 1
expect_json '.payloads[0].findings[0].code' '"invalid-json"'
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$WORK/stdout" || fail "report is not UTF-8"
finish
