#!/usr/bin/env bash
# NDJSON payloads are reported as file:line, blank lines counted, CRLF and a missing final
# newline accepted.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate "$FIXTURES/ndjson/mixed.ndjson"
expect_exit 1
expect_out "ok    $FIXTURES/ndjson/mixed.ndjson:1  ORDER_SETTLED"
expect_out "ok    $FIXTURES/ndjson/mixed.ndjson:2  PRODUCT_MEDIA_CHANGED"
expect_out "FAIL  $FIXTURES/ndjson/mixed.ndjson:4  ORDER_SETTLED"
expect_out "$FIXTURES/ndjson/mixed.ndjson:4:37: error: /tenant/Id: expected an integer from 0 to 2^63-1, got the number -1 [out-of-range]"
expect_out "ok    $FIXTURES/ndjson/mixed.ndjson:5  ORDER_SETTLED"
expect_out "$FIXTURES/ndjson/mixed.ndjson:6:27: error: not JSON"
expect_no_out "mixed.ndjson:3"

sed 's/$/\r/' "$FIXTURES/ndjson/mixed.ndjson" | head -c -2 >"$WORK/crlf.ndjson"
run "$FLOWHOOK" validate --format json "$WORK/crlf.ndjson"
expect_exit 1
expect_json '[.payloads[] | [.line, .valid]]' '[[1,true],[2,true],[4,false],[5,true],[6,false]]'
finish
