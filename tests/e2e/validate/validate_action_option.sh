#!/usr/bin/env bash
# --action NAME requires every payload to be that action, in any of its spellings.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate --action ORDER_SETTLED "$FIXTURES/documented/order_settled.json"
expect_exit 0
run "$FLOWHOOK" validate --action TILL_CLOSED "$FIXTURES/documented/till_close.json"
expect_exit 0
run "$FLOWHOOK" validate -a PRODUCT_MEDIA_CHANGE "$FIXTURES/documented/product_media_changed.json"
expect_exit 0

run "$FLOWHOOK" validate --format json --action ORDER_SETTLED "$FIXTURES/documented"
expect_exit 1
expect_json '.totals.invalid' 15
expect_json '[.payloads[].findings[] | .code] | unique' '["action-mismatch"]'
expect_json '.payloads[] | select(.action == "TILL_OPEN") | .findings[0].message' \
  '"/action: expected ORDER_SETTLED, got TILL_OPEN"'

run "$FLOWHOOK" validate --action NO_SUCH_ACTION "$FIXTURES/documented"
expect_exit 2
expect_err 'flowhook: validate: --action: unknown action "NO_SUCH_ACTION"'
finish
