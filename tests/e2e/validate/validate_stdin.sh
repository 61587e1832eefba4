#!/usr/bin/env bash
# "-" reads payloads from stdin: one document, or NDJSON with line numbers.
source "$(dirname "$0")/../lib.sh"

run_stdin "$FIXTURES/documented/till_open.json" "$FLOWHOOK" validate -
expect_exit 0
expect_out "ok    -  TILL_OPEN"

run_stdin "$FIXTURES/ndjson/mixed.ndjson" "$FLOWHOOK" validate --format json -
expect_exit 1
expect_json '[.payloads[] | .location]' '["-:1","-:2","-:4","-:5","-:6"]'

# stdin from a pipe, not a file, alongside a file argument.
timeout 60 "$FLOWHOOK" validate - "$FIXTURES/documented/order_settled.json" \
  <<<"$(cat "$FIXTURES/invalid/order_id_string.json")" >"$WORK/out" 2>&1
[[ $? == 1 ]] || fail "pipe: expected exit 1: $(cat "$WORK/out")"
grep -qF -- "-:12:5: error: /order/Id" "$WORK/out" || fail "pipe: finding not at -:12:5: $(cat "$WORK/out")"
finish
