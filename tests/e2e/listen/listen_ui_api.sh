#!/usr/bin/env bash
# listen --ui: the page and its assets are served, and the JSON API returns each delivery as its
# --record object plus id, size, step, answer_ms, first_id, forward and encoding; a hostile body
# or header comes back only as JSON strings.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/ui.sh"

start_ui api --respond 500,200 --record "$WORK/record.ndjson"
expect_err_line=$(sed -n 2p "$WORK/api.err")
[[ $expect_err_line == "inspector: http://127.0.0.1:$PORT/_flowhook/?token=$TOKEN" ]] ||
  fail "second stderr line: $expect_err_line"

ui_get /_flowhook/
[[ $CODE == 200 ]] || fail "GET /_flowhook/: $CODE"
grep -qi '^Content-Type: text/html' "$WORK/head" || fail "index.html type: $(cat "$WORK/head")"
cmp -s "$WORK/answer" "$SOURCE_DIR/src/listen/inspector/assets/index.html" || fail "/_flowhook/ is not index.html"
for asset in "$SOURCE_DIR"/src/listen/inspector/assets/*; do
  name=$(basename "$asset")
  ui_get "/_flowhook/assets/$name"
  [[ $CODE == 200 ]] || fail "asset $name: $CODE"
  cmp -s "$WORK/answer" "$asset" || fail "asset $name differs from the source tree"
  case $name in
    *.js) grep -qi '^Content-Type: text/javascript' "$WORK/head" || fail "$name type" ;;
    *.css) grep -qi '^Content-Type: text/css' "$WORK/head" || fail "$name type" ;;
    *.svg) grep -qi '^Content-Type: image/svg+xml' "$WORK/head" || fail "$name type" ;;
  esac
done
ui_get /_flowhook/assets/nothing.js
[[ $CODE == 404 ]] || fail "an unknown asset: $CODE"
ui_get /_flowhook
[[ $CODE == 303 ]] && grep -qi '^Location: /_flowhook/' "$WORK/head" || fail "/_flowhook does not redirect: $CODE"

ui_get /_flowhook/api/info
[[ $CODE == 200 ]] || fail "info: $CODE"
expect_answer ".listen_url == \"http://127.0.0.1:$PORT\" and .path == null and .forward_to == null and .respond == \"500,200\" and .keep == 1000 and .keep_bytes == 67108864 and .timeout_ms == 10000 and .retries == 10 and (.version | type) == \"string\""

ui_get /_flowhook/api/deliveries
[[ $CODE == 200 && $(cat "$WORK/answer") == "[]" ]] || fail "no deliveries yet: $CODE $(cat "$WORK/answer")"

post /hooks "$ORDER" -H 'Authorization: Bearer s3cret-value'
expect_code 500
post /hooks "$ORDER"
expect_code 200
printf '%s' '<img src=x onerror="alert(1)"><script>alert(2)</script>' >"$WORK/hostile"
post '/hooks?q=<svg/onload=alert(3)>' "$WORK/hostile" -H 'X-Evil: <svg onload=alert(4)>' -H 'Content-Encoding: identity'
printf '\xff\xfe\x00binary' >"$WORK/binary"
post /hooks "$WORK/binary"

ui_await /_flowhook/api/deliveries 'length == 4'
expect_answer '[.[].id] == [1,2,3,4]'
# Each item is its record line plus the API's members: the same keys, in the same order, first.
jq -c '.[0] | keys_unsorted' "$WORK/answer" >"$WORK/keys"
[[ $(cat "$WORK/keys") == '["received","method","path","remote","headers","body","raw","action","spelling","valid","findings","repeat","status","id","size","step","answer_ms","first_id","forward","encoding"]' ]] ||
  fail "keys: $(cat "$WORK/keys")"
cmp -s <(jq -c '.[1] | del(.id, .size, .step, .answer_ms, .first_id, .forward, .encoding)' "$WORK/answer") \
  <(jq -c . "$WORK/record.ndjson") ||
  fail "item 2 is not its record line: $(jq -c '.[1]' "$WORK/answer") vs $(head -1 "$WORK/record.ndjson")"
expect_answer '.[0].status == 500 and .[0].step == "500" and .[0].first_id == 1 and .[0].size == '"$(stat -c %s "$ORDER")"
expect_answer '.[1].status == 200 and .[1].step == "200" and .[1].first_id == 1 and .[1].repeat == 2 and (.[1].answer_ms | type) == "number" and .[1].forward == null and .[1].encoding == null'
expect_answer '.[0].headers | map(select(.[0] == "Authorization")) == [["Authorization", "Bearer ***"]]'
# The hostile delivery: every part of it a JSON string, byte for byte, and nothing else.
expect_answer '.[2].raw == "<img src=x onerror=\"alert(1)\"><script>alert(2)</script>" and (.[2].body | type) == "string" and .[2].path == "/hooks?q=<svg/onload=alert(3)>" and .[2].encoding == "identity"'
expect_answer '.[2].headers | map(select(.[0] == "X-Evil")) == [["X-Evil", "<svg onload=alert(4)>"]]'
expect_answer '.[3].raw_base64 == "//4AYmluYXJ5" and .[3].size == 9'

ui_get '/_flowhook/api/deliveries?after=1&limit=2'
expect_answer '[.[].id] == [2,3]'
ui_get '/_flowhook/api/deliveries?limit=2'
expect_answer '[.[].id] == [3,4]'
ui_get '/_flowhook/api/deliveries?after=4'
expect_answer '. == []'
ui_get '/_flowhook/api/deliveries?limit=x'
[[ $CODE == 400 ]] || fail "limit=x: $CODE"
ui_get /_flowhook/api/deliveries/2
expect_answer '.id == 2 and .repeat == 2'
ui_get /_flowhook/api/deliveries/99
[[ $CODE == 404 ]] && expect_answer '.error | type == "string"' || fail "unknown id: $CODE"
ui_get /_flowhook/api/nothing
[[ $CODE == 404 ]] || fail "unknown API: $CODE"
ui_get /_flowhook/api/respond
[[ $CODE == 405 ]] || fail "GET of a change: $CODE"

# A UI request is not a delivery: none of them reached the record, the printout or the tally.
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/record.ndjson" 1
grep -q "4 deliveries" "$WORK/api.err" || fail "summary: $(cat "$WORK/api.err")"
finish
