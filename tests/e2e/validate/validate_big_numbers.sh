#!/usr/bin/env bash
# Ids beyond 64 bits (or below 0, or beyond 2^63-1) are out of range, quoted as written.
source "$(dirname "$0")/../lib.sh"

for id in 9223372036854775807 9223372036854775808 18446744073709551616 99999999999999999999999999999 -1 1e30 7.0; do
  jq -c '.' "$FIXTURES/documented/order_settled.json" | sed "s/\"Id\":7123/\"Id\":$id/"
done >"$WORK/ids.ndjson"
run "$FLOWHOOK" validate --format json "$WORK/ids.ndjson"
expect_exit 1
expect_json '[.payloads[] | .findings[0].code // "ok"]' \
  '["ok","out-of-range","out-of-range","out-of-range","out-of-range","out-of-range","wrong-type"]'
expect_json '.payloads[3].findings[0].message' \
  '"/order/Id: expected an integer from 0 to 2^63-1, got the number 99999999999999999999999999999"'
expect_json '.payloads[6].findings[0].message' '"/order/Id: expected an integer, got the number 7.0"'
finish
