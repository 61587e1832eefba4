#!/usr/bin/env bash
# A schema finding in a pretty-printed file or array names the line of the offending value.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate --format json "$FIXTURES/invalid/order_id_string.json" "$FIXTURES/array/three_events.json"
expect_exit 1
expect_json '.payloads[0].findings[0] | [.pointer, .line, .column]' '["/order/Id",12,5]'
expect_json '[.payloads[1:][] | .location]' \
  '["'"$FIXTURES"'/array/three_events.json[0]","'"$FIXTURES"'/array/three_events.json[1]","'"$FIXTURES"'/array/three_events.json[2]"]'
expect_json '[.payloads[1:][] | .line]' '[2,3,4]'
expect_json '[.payloads[3].findings[] | .line] | unique' '[4]'
finish
