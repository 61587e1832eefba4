#!/usr/bin/env bash
# Unknown fields are warnings (exit 0); --strict makes them errors (exit 1).
source "$(dirname "$0")/../lib.sh"

jq -c '.note = "new field" | .order.Number = 12' "$FIXTURES/documented/order_settled.json" >"$WORK/extra.json"

run "$FLOWHOOK" validate "$WORK/extra.json"
expect_exit 0
expect_out "warn  $WORK/extra.json  ORDER_SETTLED"
expect_out "warning: /note: is not a field the platform documents [unknown-field]"
expect_out "warning: /order/Number: is not a field the platform documents in a reference [unknown-field]"

run "$FLOWHOOK" validate --strict --format json "$WORK/extra.json"
expect_exit 1
expect_json '[.payloads[0].findings[] | [.severity, .pointer]]' '[["error","/order/Number"],["error","/note"]]'
expect_json '.totals.errors' 2
finish
