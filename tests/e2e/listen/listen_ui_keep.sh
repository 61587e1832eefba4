#!/usr/bin/env bash
# listen --ui keeps the newest --ui-keep deliveries within --ui-keep-bytes; with --record the
# page starts with the newest records of the file, and the file keeps everything.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/ui.sh"

orders "$WORK/orders.ndjson" 12
start_ui count --ui-keep 5 --record "$WORK/record.ndjson"
run "$FLOWHOOK" send --no-retry "http://127.0.0.1:$PORT/hooks" "$WORK/orders.ndjson"
expect_exit 0
ui_await /_flowhook/api/deliveries '.[-1].id == 12'
expect_answer '[.[].id] == [8,9,10,11,12] and [.[].body.order.Id] == [8,9,10,11,12]'
ui_get /_flowhook/api/deliveries/7
[[ $CODE == 404 ]] || fail "a forgotten delivery: $CODE"
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/record.ndjson" 12

# Seeded from the file: the newest 5 records, the torn last line skipped, ids from 1.
printf '{"received":"2026-11-29T18:58:50.765Z","raw":"torn' >>"$WORK/record.ndjson"
start_ui seeded --ui-keep 5 --record "$WORK/record.ndjson"
ui_get /_flowhook/api/deliveries
expect_answer '[.[].id] == [1,2,3,4,5] and [.[].body.order.Id] == [8,9,10,11,12] and ([.[].size] | unique | length) >= 1'
cmp -s <(jq -c '.[0] | del(.id, .size, .step, .answer_ms, .first_id, .forward, .encoding)' "$WORK/answer") <(sed -n 8p "$WORK/record.ndjson" | jq -c .) ||
  fail "a seeded item is not its record line"
post /hooks "$ORDER"
ui_await /_flowhook/api/deliveries '.[-1].id == 6'
expect_answer '[.[].id] == [2,3,4,5,6]'
stop_listener "$LISTENER_PID"

# Bytes: 1000 allowed, but 64 KiB holds only a few 20 KiB deliveries.
python3 -c 'import json; print(json.dumps({"action": "ORDER_SETTLED", "pad": "x" * 20000}))' >"$WORK/big"
start_ui bytes --ui-keep-bytes 64KiB
for i in 1 2 3 4 5 6; do post /hooks "$WORK/big"; done
ui_await /_flowhook/api/deliveries '.[-1].id == 6'
kept=$(jq length "$WORK/answer")
((kept >= 1 && kept <= 2)) || fail "64KiB kept $kept deliveries of 40+ KiB each"
expect_answer '.[-1].id == 6 and .[-1].first_id != 1'
finish
