#!/usr/bin/env bash
# The receiver gets a POST of the body byte for byte, with Content-Type, User-Agent, the
# -H headers and the credentials the platform's HTTP transports carry (Basic or Bearer).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"

# Odd spacing, no final newline, non-ASCII text: nothing may be re-encoded.
printf '{ "action" :"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},\t"store":{"Id":1,"Uid":"Sm\xc3\xb8rrebr\xc3\xb8d"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}' >"$WORK/odd.json"
version=$("$FLOWHOOK" --version | awk '{print $2}')

start_server --answers 200
run "$FLOWHOOK" send "$URL?tenant=7&tags=a,b+c;d%2F" "$WORK/odd.json" -H 'X-Flow-Tenant: 7' -H 'X-Trace:abc def'
expect_exit 0
expect_requests 1
header() { jq -r --arg name "$1" '.headers[] | select(.[0] | ascii_downcase == ($name | ascii_downcase)) | .[1]' "$SERVER_LOG"; }
[[ $(jq -r .method "$SERVER_LOG") == POST ]] || fail "method is not POST"
[[ $(jq -r .path "$SERVER_LOG") == "/hooks?tenant=7&tags=a,b+c;d%2F" ]] || fail "path: $(jq -r .path "$SERVER_LOG")"
[[ $(header Content-Type) == application/json ]] || fail "Content-Type: $(header Content-Type)"
[[ $(header User-Agent) == "flowhook/$version" ]] || fail "User-Agent: $(header User-Agent)"
[[ $(header X-Flow-Tenant) == 7 ]] || fail "X-Flow-Tenant: $(header X-Flow-Tenant)"
[[ $(header X-Trace) == "abc def" ]] || fail "X-Trace: $(header X-Trace)"
[[ -z $(header Authorization) ]] || fail "an Authorization header without credentials"
[[ $(jq -r .body_base64 "$SERVER_LOG") == $(base64 -w0 "$WORK/odd.json") ]] || fail "the body was changed on the way"

# A -H header replaces the default of the same name.
start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" -H 'Content-Type: application/json; charset=utf-8'
expect_exit 0
[[ $(header Content-Type) == "application/json; charset=utf-8" ]] || fail "Content-Type not replaced: $(header Content-Type)"
[[ $(jq '[.headers[] | select(.[0] | ascii_downcase == "content-type")] | length' "$SERVER_LOG") == 1 ]] ||
  fail "two Content-Type headers"

# Basic: the receiver checks the credentials; a wrong password is a 401, failed, not retried.
start_server --expect-auth "Basic $(printf 'shop:s3cret' | base64)"
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --basic shop:s3cret
expect_exit 0
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --basic shop:wrong
expect_exit 1
expect_out "401"
expect_requests 2
# From the environment, so the secret stays out of shell history; and never printed.
FLOWHOOK_BASIC=shop:s3cret run "$FLOWHOOK" send "$URL" "$WORK/odd.json"
expect_exit 0
expect_no_out "s3cret"

start_server --expect-auth "Bearer tok-123"
run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --bearer tok-123
expect_exit 0
FLOWHOOK_BEARER=tok-123 run "$FLOWHOOK" send "$URL" "$WORK/odd.json" --format json
expect_exit 0
expect_no_out "tok-123"
expect_requests 2
finish
