#!/usr/bin/env bash
# --format github: one workflow command per finding, with file, line and column.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate --format github "$FIXTURES/invalid/order_id_string.json" "$FIXTURES/ndjson/mixed.ndjson"
expect_exit 1
expect_out "::error file=$FIXTURES/invalid/order_id_string.json,line=12,col=5,title=flowhook wrong-type::$FIXTURES/invalid/order_id_string.json: /order/Id: expected an integer, got the string \"7123\""
expect_out "::error file=$FIXTURES/ndjson/mixed.ndjson,line=4,col=37,"
expect_out "::error file=$FIXTURES/ndjson/mixed.ndjson,line=6,"
[[ $(grep -c '^::error ' "$WORK/stdout") == 3 ]] || fail "expected 3 ::error lines: $OUT"

# Warnings are ::warning; a valid run prints no annotation.
printf '{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"},"note":1}\n' >"$WORK/extra.json"
run "$FLOWHOOK" validate --format github "$WORK/extra.json"
expect_exit 0
expect_out "::warning file=$WORK/extra.json,line=1,"
run "$FLOWHOOK" validate --format github "$FIXTURES/documented"
expect_exit 0
grep -q '^::' "$WORK/stdout" && fail "annotations for valid payloads: $OUT"
finish
