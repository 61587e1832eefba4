#!/usr/bin/env bash
# A 3xx is not followed (the platform does not): it is retried, its Location is shown on the
# attempt, and the run says once that the URL probably needs the redirected form.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

start_server --answers 301,308,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | [.status, .location]]' '[[301,"/elsewhere"],[308,"/elsewhere"],[200,null]]'
expect_requests 3
[[ $(jq -r .path "$SERVER_LOG" | sort -u) == /hooks ]] || fail "a redirect was followed: $(jq -r .path "$SERVER_LOG")"
hint="flowhook: send: hint: the receiver redirects (301 to /elsewhere), and the platform does not follow redirects: the URL probably needs the redirected form (a trailing slash, https)"
[[ "$(grep -c 'hint: the receiver redirects' <<<"$ERR")" == 1 ]] || fail "the redirect hint, exactly once: $ERR"
expect_err "$hint"

start_server --answers 302
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --no-retry
expect_exit 1
expect_out "attempt 1: 302 Found in "
expect_out "Location: /elsewhere"
expect_err "hint: the receiver redirects (302 to /elsewhere)"

# No 3xx, no hint.
start_server --answers 500,200
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --backoff 10ms
expect_exit 0
[[ "$ERR" != *hint* ]] || fail "a hint without a redirect: $ERR"
finish
