#!/usr/bin/env bash
# How generate lays payloads out: one pretty object, a pretty array for several, NDJSON with
# --compact or --count (cycling through the actions), --output FILE, --split FOLDER.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" generate ORDER_SETTLED
expect_exit 0
expect_json '.action' '"ORDER_SETTLED"'
[[ $(wc -l <"$WORK/stdout") == 19 ]] || fail "a single payload is pretty-printed: $OUT"

run "$FLOWHOOK" generate ORDER_SETTLED TILL_OPEN
expect_json '[.[].action]' '["ORDER_SETTLED","TILL_OPEN"]'

run "$FLOWHOOK" generate --all
expect_json 'length' 18
expect_json '.[11].action' '"TILL_OPEN"'

run "$FLOWHOOK" generate --all --compact
[[ $(wc -l <"$WORK/stdout") == 18 ]] || fail "--compact --all: expected 18 lines"
expect_json '.action' "$(jq -c '.actions[].action' <("$FLOWHOOK" generate --list --format json))"

run "$FLOWHOOK" generate ORDER_SETTLED TILL_CLOSED STOCK_CHANGE --count 7
expect_exit 0
[[ $(wc -l <"$WORK/stdout") == 7 ]] || fail "--count 7: expected 7 lines, got $(wc -l <"$WORK/stdout")"
got=$(jq -r .action <"$WORK/stdout" | paste -sd' ')
[[ "$got" == "ORDER_SETTLED TILL_CLOSED STOCK_CHANGE ORDER_SETTLED TILL_CLOSED STOCK_CHANGE ORDER_SETTLED" ]] ||
  fail "--count cycles through the actions in order; got $got"

# A long run to a file: every line a whole payload, and the file validates.
run "$FLOWHOOK" generate --all --random --seed 9 --count 100000 --compact --output "$WORK/big.ndjson"
expect_exit 0
[[ -z "$OUT" ]] || fail "--output FILE writes nothing to stdout"
[[ $(wc -l <"$WORK/big.ndjson") == 100000 ]] || fail "--count 100000: expected 100000 lines"
run "$FLOWHOOK" validate --strict -q --format json "$WORK/big.ndjson"
expect_exit 0
expect_json '.totals.valid' 100000

run "$FLOWHOOK" generate --all --count 40 --seed 2 --split --output "$WORK/split"
expect_exit 0
[[ $(ls "$WORK/split" | wc -l) == 40 ]] || fail "--split: expected 40 files, got $(ls "$WORK/split" | wc -l)"
[[ -f "$WORK/split/0001-order_settled.json" && -f "$WORK/split/0040-order_receipt_settled.json" &&
   -f "$WORK/split/0013-till_close.json" ]] || fail "--split names: $(ls "$WORK/split" | head -15)"
jq -e '.action == "TILL_CLOSE" and (.date | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))' \
  "$WORK/split/0013-till_close.json" >/dev/null || fail "--split file content"
[[ $(wc -l <"$WORK/split/0001-order_settled.json") -gt 1 ]] || fail "--split files are pretty unless --compact"

run "$FLOWHOOK" generate --all --count 10001 --compact --split --output "$WORK/wide"
[[ -f "$WORK/wide/00001-order_settled.json" && -f "$WORK/wide/10001-product_media_change.json" ]] ||
  fail "--split widens the index to keep file names in order"
finish
