#!/usr/bin/env bash
# --format json: one object per payload with its findings, plus totals that count right.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate --format json "$FIXTURES/documented" "$FIXTURES/invalid" "$FIXTURES/ndjson/mixed.ndjson"
expect_exit 1
jq -e . "$WORK/stdout" >/dev/null || fail "not JSON: $OUT"
expect_json '.tool' '"flowhook"'
expect_json '.totals' '{"sources":19,"payloads":23,"valid":19,"invalid":4,"errors":4,"warnings":0,"unreadable":0}'
expect_json '.payloads | length' 23
expect_json '[.payloads[] | select(.valid)] | length' 19
expect_json '[.payloads[].findings[]] | length' 4
expect_json '.payloads[] | select(.location | endswith("order_id_string.json")) | .findings[0]' \
  '{"severity":"error","code":"wrong-type","pointer":"/order/Id","message":"/order/Id: expected an integer, got the string \"7123\"","line":12,"column":5}'
expect_json '[.payloads[] | select(.source | endswith("mixed.ndjson")) | .line]' '[1,2,4,5,6]'
expect_json '[.payloads[] | select(.spelling == "PRODUCT_MEDIA_CHANGED") | .action] | unique' '["PRODUCT_MEDIA_CHANGE"]'
finish
