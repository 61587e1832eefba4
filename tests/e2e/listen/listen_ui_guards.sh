#!/usr/bin/env bash
# listen --ui: the rules that keep other sites out. A Host that is not loopback (or the bound
# address) gets 403 before anything else; a change needs the page's Origin (403) and the token
# cookie (401); ?token= is swapped for a SameSite=Strict HttpOnly cookie; off loopback every
# request needs the token; every answer carries the page's policy and no CORS header.
# Deliveries on other paths are never subject to any of it.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/ui.sh"

start_ui guards
for host in localhost "localhost:$PORT" "app.localhost:$PORT" 127.0.0.1 "127.0.0.1:$PORT" 127.1.2.3 "[::1]" "[::1]:$PORT" LOCALHOST; do
  ui_get /_flowhook/api/info -H "Host: $host"
  [[ $CODE == 200 ]] || fail "Host $host: $CODE"
  expect_ui_headers "Host $host"
done
for host in evil.example "evil.example:$PORT" 127.0.0.1.evil.example 10.0.0.1 "localhost:x" "[::1" "" "local host" "localhost.evil.example" "128.0.0.1" "127.0.0.256"; do
  ui_get /_flowhook/ -H "Host: $host"
  [[ $CODE == 403 ]] || fail "Host '$host': $CODE"
  expect_answer '.error | type == "string"'
  expect_ui_headers "Host '$host'"
  [[ $(wc -l <"$WORK/answer") == 1 ]] || fail "the reason is not one line"
done
# Rebinding protection is for the page only: a delivery with any Host is answered as always.
post /hooks "$ORDER" -H 'Host: evil.example'
expect_code 200

# ?token=: a cookie for the page's path, strict and out of reach of scripts, and the token
# leaves the address bar.
ui_get "/_flowhook/?token=$TOKEN"
[[ $CODE == 303 ]] || fail "?token=: $CODE"
grep -qiE "^Set-Cookie: flowhook_token_$PORT=$TOKEN; Path=/_flowhook; HttpOnly; SameSite=Strict" "$WORK/head" || fail "cookie: $(cat "$WORK/head")"
grep -qi '^Location: /_flowhook/' "$WORK/head" || fail "redirect: $(cat "$WORK/head")"
expect_ui_headers "the token swap"
ui_get "/_flowhook/?token=wrong"
[[ $CODE == 401 ]] || fail "a wrong token: $CODE"

# Changes: the Origin first (403), then the token (401); with both, 200.
origin="Origin: http://127.0.0.1:$PORT"
body='{"body": "{}"}'
check_change() {  # EXPECTED CURL-ARGS...
  local expected=$1
  shift
  CODE=$(curl -s -o "$WORK/answer" -D "$WORK/head" -w '%{http_code}' --max-time 20 --data-binary "$body" "$@" \
    "http://127.0.0.1:$PORT/_flowhook/api/validate")
  [[ $CODE == "$expected" ]] || fail "validate with $*: $CODE, expected $expected: $(cat "$WORK/answer")"
  expect_ui_headers "validate with $*"
}
check_change 403 -b "flowhook_token_$PORT=$TOKEN"
check_change 403 -H 'Origin: null' -b "flowhook_token_$PORT=$TOKEN"
check_change 403 -H 'Origin: http://evil.example' -b "flowhook_token_$PORT=$TOKEN"
check_change 403 -H "Origin: https://127.0.0.1:$PORT" -b "flowhook_token_$PORT=$TOKEN"
check_change 403 -H "Origin: http://127.0.0.1:1" -b "flowhook_token_$PORT=$TOKEN"
check_change 401 -H "$origin"
check_change 401 -H "$origin" -b "flowhook_token_$PORT=wrong"
# The cookie of a listener on another port (cookies ignore ports) is not this one's.
check_change 401 -H "$origin" -b "flowhook_token_1=$TOKEN"
check_change 401 -H "$origin" -b "other=$TOKEN"
check_change 200 -H "$origin" -b "flowhook_token_$PORT=$TOKEN"
check_change 200 -H "$origin" -b "a=1; flowhook_token_$PORT=$TOKEN; b=2"
check_change 200 -H "Origin: http://localhost:$PORT" -H "Host: localhost:$PORT" -b "flowhook_token_$PORT=$TOKEN"
# A cross-site page cannot make a "simple" request count either.
check_change 403 -H 'Origin: http://evil.example' -H 'Content-Type: text/plain' -b "flowhook_token_$PORT=$TOKEN"
# Preflights get nothing that would allow another origin.
CODE=$(curl -s -o "$WORK/answer" -D "$WORK/head" -w '%{http_code}' -X OPTIONS -H 'Origin: http://evil.example' \
  -H 'Access-Control-Request-Method: POST' "http://127.0.0.1:$PORT/_flowhook/api/respond")
[[ $CODE == 405 ]] || fail "OPTIONS: $CODE"
expect_ui_headers "OPTIONS"
stop_listener "$LISTENER_PID"

# Off loopback: every request under /_flowhook/ needs the token; deliveries do not.
start_ui open --host 0.0.0.0
ui_get /_flowhook/api/info
[[ $CODE == 401 ]] || fail "off loopback without a token: $CODE"
expect_ui_headers "a 401"
ui_get /_flowhook/api/info -b "flowhook_token_$PORT=$TOKEN"
[[ $CODE == 200 ]] && expect_answer '.token_required == true' || fail "off loopback with the cookie: $CODE"
ui_get "/_flowhook/api/info?token=$TOKEN"
[[ $CODE == 200 ]] || fail "off loopback with ?token=: $CODE"
ui_get "/_flowhook/api/info" -H "Host: 0.0.0.0:$PORT" -b "flowhook_token_$PORT=$TOKEN"
[[ $CODE == 200 ]] || fail "the bound address as Host: $CODE"
ui_get /_flowhook/api/info -H 'Host: evil.example' -b "flowhook_token_$PORT=$TOKEN"
[[ $CODE == 403 ]] || fail "off loopback, a foreign Host with the token: $CODE"
post /hooks "$ORDER"
expect_code 200
grep -q '^inspector: http://0.0.0.0:[0-9]*/_flowhook/?token=[0-9a-f]\{64\}$' "$WORK/open.err" || fail "inspector line: $(cat "$WORK/open.err")"
finish
