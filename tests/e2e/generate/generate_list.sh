#!/usr/bin/env bash
# --list prints the catalogue (action, documentation, fields, aliases), as text or JSON;
# --schema prints JSON Schema 2020-12 with the validator's rules.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" generate --list
expect_exit 0
expect_out "ORDER_SETTLED"
expect_out "  TILL_CLOSED"
expect_out "alias of TILL_CLOSE"
expect_out "fields: tenant, store, till, tenantUser, cashReport, date (YYYY-MM-DD)"

run "$FLOWHOOK" generate --list --format json
expect_exit 0
expect_json '.actions | length' 18
expect_json '[.actions[] | .aliases[].action]' '["PRODUCT_MEDIA_CHANGED","TILL_CLOSED"]'
expect_json '.actions[] | select(.action == "STOCK_CHANGE") | [.documentation, .references, .date]' \
  '["example",["tenant","store","warehouse","product","tenantUser"],false]'
expect_json '[.actions[] | select(.documentation == "listed") | .action]' '["CUSTOMER_DELETE","PRODUCT_DELETE","PRICE_DELETE"]'
expect_json '.actions[] | select(.action == "TILL_CLOSE") | .aliases' '[{"action":"TILL_CLOSED","documentation":"listed"}]'

run "$FLOWHOOK" generate --schema
expect_exit 0
expect_json '."$schema"' '"https://json-schema.org/draft/2020-12/schema"'
expect_json '.properties.action.enum | length' 20
expect_json '.allOf | length' 20
expect_json '."$defs".reference.properties.Id | [.type, .minimum]' '["integer",0]'
# jq reads numbers as doubles: check the exact maximum in the text.
expect_out '"maximum": 9223372036854775807'
expect_json '."$defs".reference.properties.Uid' '{"type":"string","minLength":1}'
expect_json '."$defs".date' '{"type":"string","format":"date","pattern":"^\\d{4}-\\d{2}-\\d{2}$"}'
expect_json '[."$defs".TILL_CLOSE.required, .additionalProperties]' '[["action","tenant","store","till","tenantUser","cashReport","date"],null]'

run "$FLOWHOOK" generate --schema --strict TILL_CLOSED --output "$WORK/till.schema.json"
expect_exit 0
jq -e '.additionalProperties == false and ."$defs".reference.additionalProperties == false
       and .properties.action.enum == ["TILL_CLOSE","TILL_CLOSED"]' "$WORK/till.schema.json" >/dev/null ||
  fail "--schema --strict TILL_CLOSED: $(cat "$WORK/till.schema.json")"
finish
