#!/usr/bin/env bash
# A UTF-8 byte order mark before a payload is skipped: the payload after it is judged alone.
source "$(dirname "$0")/../lib.sh"

{ printf '\xEF\xBB\xBF'; cat "$FIXTURES/documented/till_open.json"; } >"$WORK/bom.json"
run "$FLOWHOOK" validate --strict "$WORK/bom.json"
expect_exit 0
expect_out "ok    $WORK/bom.json  TILL_OPEN"

{ printf '\xEF\xBB\xBF'; cat "$FIXTURES/ndjson/mixed.ndjson"; } >"$WORK/bom.ndjson"
run "$FLOWHOOK" validate --format json "$WORK/bom.ndjson"
expect_exit 1
expect_json '[.payloads[] | [.line, .valid]]' '[[1,true],[2,true],[4,false],[5,true],[6,false]]'

# Columns on the BOM's line count from the first visible character.
printf '\xEF\xBB\xBF{"action": 7}' >"$WORK/bom_bad.json"
run "$FLOWHOOK" validate "$WORK/bom_bad.json"
expect_exit 1
expect_out "$WORK/bom_bad.json:1:2: error: /action: expected a string, got the number 7"
finish
