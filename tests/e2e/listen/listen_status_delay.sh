#!/usr/bin/env bash
# --status answers that code to every delivery (no record unless 2xx); --delay answers late.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener notfound --status 404 --record "$WORK/404.ndjson"
post /hooks "$ORDER"
expect_code 404
jq -e '.status == 404' "$WORK/answer" >/dev/null || fail "404 body: $(cat "$WORK/answer")"
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/404.ndjson" 0
grep -qF "answered 404" "$WORK/notfound.out" || fail "404 not printed"

start_listener slow --delay 1200ms --status 202
started=$(date +%s%N)
post /hooks "$ORDER"
elapsed=$((($(date +%s%N) - started) / 1000000))
expect_code 202
((elapsed >= 1200)) || fail "--delay 1200ms answered after ${elapsed} ms"
((elapsed < 5000)) || fail "--delay 1200ms took ${elapsed} ms"
stop_listener "$LISTENER_PID"

run "$FLOWHOOK" listen --port 0 --delay soon
expect_exit 2
expect_err '--delay: "soon" is not a duration'
run "$FLOWHOOK" listen --port 0 --status 700
expect_exit 2
finish
