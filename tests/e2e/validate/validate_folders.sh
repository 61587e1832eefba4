#!/usr/bin/env bash
# A folder is searched recursively for *.json, *.ndjson and *.jsonl, in sorted order.
source "$(dirname "$0")/../lib.sh"

event=$(tr -d '\n ' <"$FIXTURES/documented/order_settled.json")
mkdir -p "$WORK/tree/b/deeper" "$WORK/tree/a"
echo "$event" >"$WORK/tree/b/deeper/z.json"
printf '%s\n%s\n' "$event" "$event" >"$WORK/tree/b/events.ndjson"
printf '%s\n' "$event" >"$WORK/tree/a/events.jsonl"
echo "$event" >"$WORK/tree/c.json"
echo "not json" >"$WORK/tree/notes.txt"
echo "not json" >"$WORK/tree/a/payload.json.bak"
echo "not json" >"$WORK/tree/README"

run "$FLOWHOOK" validate --format json "$WORK/tree"
expect_exit 0
expect_json '[.payloads[].location | ltrimstr("'"$WORK"'/tree/")]' \
  '["a/events.jsonl","b/deeper/z.json","b/events.ndjson:1","b/events.ndjson:2","c.json"]'
expect_json '.totals.sources' 4
finish
