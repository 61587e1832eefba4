#!/usr/bin/env bash
# listen --ui: POST /_flowhook/api/respond changes the scripted answer from the next delivery
# on, per body as --respond does; "" goes back to the plain answer; a bad script is 400.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/ui.sh"

start_ui respond --status 202
orders "$WORK/orders.ndjson" 4
sed -n 1p "$WORK/orders.ndjson" >"$WORK/a"
sed -n 2p "$WORK/orders.ndjson" >"$WORK/b"
sed -n 3p "$WORK/orders.ndjson" >"$WORK/c"
post /hooks "$WORK/a"
expect_code 202
ui_post /_flowhook/api/respond '{"script": "503,drop,201"}'
[[ $CODE == 200 ]] && expect_answer '.respond == "503,drop,201"' || fail "respond: $CODE $(cat "$WORK/answer")"
ui_get /_flowhook/api/info
expect_answer '.respond == "503,drop,201"'
post /hooks "$WORK/b"
expect_code 503
post /hooks "$WORK/b"
expect_code 000
post /hooks "$WORK/b"
expect_code 201
ui_await /_flowhook/api/deliveries 'length == 4'
expect_answer '[.[].step] == [null, "503", "drop", "201"] and [.[].status] == [202, 503, null, 201]'
ui_post /_flowhook/api/respond '{"script": ""}'
expect_answer '.respond == null'
post /hooks "$WORK/c"
expect_code 202
ui_post /_flowhook/api/respond '{"script": "200"}'
expect_answer '.respond == "200"'
post /hooks "$WORK/c"
expect_code 200
# A single step is shown as the script too, and "202" (this listener's --status) is the plain answer.
ui_post /_flowhook/api/respond '{"script": "503"}'
expect_answer '.respond == "503"'
ui_get /_flowhook/api/info
expect_answer '.respond == "503"'
ui_post /_flowhook/api/respond '{"script": "202"}'
expect_answer '.respond == null'
ui_post /_flowhook/api/respond '{"script": ""}'
ui_post /_flowhook/api/respond '{"script": "500,nope"}'
[[ $CODE == 400 ]] && expect_answer '.error | test("nope")' || fail "a bad script: $CODE $(cat "$WORK/answer")"
ui_post /_flowhook/api/respond '{"steps": "500"}'
[[ $CODE == 400 ]] || fail "no script: $CODE"
ui_post /_flowhook/api/respond 'not json'
[[ $CODE == 400 ]] || fail "not JSON: $CODE"
post /hooks "$WORK/c"
expect_code 202  # the bad scripts changed nothing
stop_listener "$LISTENER_PID"
grep -q "answered 503 (step 1 of 3: 503)" "$WORK/respond.out" || fail "printout: $(cat "$WORK/respond.out")"

# With --forward-to the app decides: the page cannot script answers.
start_ui fwd --forward-to http://127.0.0.1:9/
ui_post /_flowhook/api/respond '{"script": "500"}'
[[ $CODE == 400 ]] && expect_answer '.error | test("forward")' || fail "respond under --forward-to: $CODE"
finish
