#!/usr/bin/env bash
# listen --ui: a replay re-delivers a kept body byte for byte (with its recorded headers) through
# the delivery engine of flowhook send, to the --forward-to app or a URL given, and reports the
# attempts; an edited body is sent instead when given.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/ui.sh"

start_listener app --record "$WORK/app.ndjson" --respond 201,500
APP=$PORT
APP_PID=$LISTENER_PID
start_ui ui --forward-to "http://127.0.0.1:$APP/app"
UI=$PORT
UI_PID=$LISTENER_PID
printf '{"action":"ORDER_SETTLED", "spaces" :  [1, 2],\n "ünï": "\\u00e9"}\r\n' >"$WORK/body"
post /hooks "$WORK/body" -H 'X-Tenant: 7' -H 'Authorization: Bearer hidden'
expect_code 201
ui_await /_flowhook/api/deliveries/1 '.id == 1'

# To the --forward-to app by default: the app answered 500 (its second delivery of the body).
ui_post /_flowhook/api/deliveries/1/replay '{}'
[[ $CODE == 502 ]] || fail "replay to a failing app: $CODE $(cat "$WORK/answer")"
expect_answer ".outcome == \"gave_up\" and .url == \"http://127.0.0.1:$APP/app\" and (.attempts | length) == 1 and .attempts[0].status == 500"
# With retries: 500 again, then the last step repeats (500): gave up after 3 attempts.
ui_post /_flowhook/api/deliveries/1/replay '{"retries": 2}'
expect_answer '.outcome == "gave_up" and (.attempts | length) == 3 and ([.attempts[].latency_ms | type] | unique) == ["number"]'
stop_listener "$APP_PID"

# To a URL given: byte for byte, the recorded headers along (not the masked credential).
start_listener app2 --record "$WORK/app2.ndjson" --path /in
APP2=$PORT
APP2_PID=$LISTENER_PID
PORT=$UI
ui_post /_flowhook/api/deliveries/1/replay "{\"url\": \"http://127.0.0.1:$APP2/in\"}"
[[ $CODE == 200 ]] || fail "replay to a URL: $CODE $(cat "$WORK/answer")"
expect_answer '.outcome == "delivered" and .attempts == [{"status": 200, "latency_ms": .attempts[0].latency_ms, "error": null}]'
ui_post /_flowhook/api/deliveries/1/replay "{\"url\": \"http://127.0.0.1:$APP2/in\", \"body\": \"{\\\"edited\\\": true}\"}"
[[ $CODE == 200 ]] || fail "replay with edits: $CODE"
stop_listener "$APP2_PID"
expect_file_lines "$WORK/app2.ndjson" 2
cmp -s <(head -1 "$WORK/app2.ndjson" | jq -j .raw) "$WORK/body" || fail "the replayed body differs: $(head -1 "$WORK/app2.ndjson")"
[[ $(head -1 "$WORK/app2.ndjson" | jq -r '.headers[] | select(.[0] == "X-Tenant") | .[1]') == 7 ]] || fail "X-Tenant not replayed"
! head -1 "$WORK/app2.ndjson" | jq -e '.headers[] | select(.[0] == "Authorization")' >/dev/null || fail "a masked credential was sent"
[[ $(sed -n 2p "$WORK/app2.ndjson" | jq -j .raw) == '{"edited": true}' ]] || fail "the edited body: $(sed -n 2p "$WORK/app2.ndjson")"
# The original is unchanged by a replay with edits.
ui_get /_flowhook/api/deliveries/1
cmp -s <(jq -j .raw "$WORK/answer") "$WORK/body" || fail "the kept delivery changed"

# Nobody listening: 502 with the failure; unknown id 404; a bad URL 400.
ui_post /_flowhook/api/deliveries/1/replay '{"url": "http://127.0.0.1:9/"}'
[[ $CODE == 502 ]] && expect_answer '.outcome == "gave_up" and .attempts[0].status == null and (.attempts[0].error | type) == "string"' ||
  fail "replay to nothing: $CODE $(cat "$WORK/answer")"
ui_post /_flowhook/api/deliveries/9/replay '{}'
[[ $CODE == 404 ]] || fail "unknown id: $CODE"
ui_post /_flowhook/api/deliveries/1/replay '{"url": "ftp://x"}'
[[ $CODE == 400 ]] || fail "a bad URL: $CODE"
ui_post /_flowhook/api/deliveries/1/replay '{"retries": 99}'
[[ $CODE == 400 ]] || fail "too many retries: $CODE"
stop_listener "$UI_PID"

# Without --forward-to and without a URL: 400.
start_ui bare
post /hooks "$ORDER"
ui_await /_flowhook/api/deliveries/1 '.id == 1'
ui_post /_flowhook/api/deliveries/1/replay '{}'
[[ $CODE == 400 ]] && expect_answer '.error | test("url")' || fail "replay with nowhere to go: $CODE"
finish
