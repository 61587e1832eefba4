#!/usr/bin/env bash
# Without --ui, nothing under /_flowhook/ is special: a POST there is a delivery like any other
# (answered, recorded), a GET gets 405 as on any path, and no inspector line is printed.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener plain --record "$WORK/record.ndjson" --format ndjson
for path in /_flowhook/api/respond /_flowhook/ /_flowhook/events; do
  post "$path" "$ORDER"
  expect_code 200
done
CODE=$(curl -s -o "$WORK/answer" -D "$WORK/head" -w '%{http_code}' "http://127.0.0.1:$PORT/_flowhook/")
[[ $CODE == 405 ]] || fail "GET /_flowhook/ without --ui: $CODE"
! grep -qi '^Content-Security-Policy' "$WORK/head" || fail "a UI header without --ui"
CODE=$(curl -s -o "$WORK/answer" -w '%{http_code}' "http://127.0.0.1:$PORT/_flowhook/events")
[[ $CODE == 405 ]] || fail "GET /_flowhook/events without --ui: $CODE"
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/record.ndjson" 3
[[ $(jq -r .path "$WORK/record.ndjson" | paste -sd' ') == "/_flowhook/api/respond /_flowhook/ /_flowhook/events" ]] ||
  fail "recorded paths: $(jq -r .path "$WORK/record.ndjson")"
! grep -q inspector "$WORK/plain.err" || fail "an inspector line without --ui"

# With --ui and --path, deliveries go to --path as always; /_flowhook/ is the page's.
start_listener ui --ui --path /hooks --record "$WORK/ui.ndjson"
post /hooks "$ORDER"
expect_code 200
post /other "$ORDER"
expect_code 404
post /_flowhook/api/deliveries "$ORDER"
expect_code 405
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/ui.ndjson" 1

run "$FLOWHOOK" listen --port 0 --ui-keep 5
expect_exit 2
expect_err "--ui-keep"
run "$FLOWHOOK" listen --port 0 --ui --ui-keep-bytes lots
expect_exit 2
expect_err "--ui-keep-bytes"
run "$FLOWHOOK" listen --port 0 --ui --ui-keep 0
expect_exit 2
finish
