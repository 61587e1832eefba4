#!/usr/bin/env bash
# --basic and --bearer: the right credentials are accepted; missing or wrong ones get 401, are
# printed as rejected and never recorded. Secrets may come from the environment.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener basic --basic 'ann:open sesame' --record "$WORK/basic.ndjson"
post /hooks "$ORDER" -u 'ann:open sesame'
expect_code 200
post /hooks "$ORDER" -u 'ann:wrong'
expect_code 401
post /hooks "$ORDER"
expect_code 401
grep -qi '^www-authenticate: Basic' <(curl -s -D - -o /dev/null --max-time 10 -d '{}' "http://127.0.0.1:$PORT/") || fail "no Basic challenge"
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/basic.ndjson" 1
grep -q "open sesame\|YW5uOm9wZW4gc2VzYW1l" "$WORK/basic.ndjson" "$WORK/basic.out" && fail "a secret was printed or recorded"
[[ $(grep -c "REJECTED 401: missing or wrong credentials" "$WORK/basic.out") == 3 ]] || fail "rejections not printed: $(cat "$WORK/basic.out")"

export FLOWHOOK_BEARER=tok-123
start_listener bearer --format ndjson --record "$WORK/bearer.ndjson"
unset FLOWHOOK_BEARER
post /hooks "$ORDER" -H 'Authorization: Bearer tok-123'
expect_code 200
post /hooks "$ORDER" -H 'Authorization: Bearer tok-1234'
expect_code 401
post /hooks "$ORDER" -H 'Authorization: Basic dG9rLTEyMw=='
expect_code 401
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/bearer.ndjson" 1
[[ $(jq -c '.status' "$WORK/bearer.out" | tr -d '\n') == 200401401 ]] || fail "statuses: $(cat "$WORK/bearer.out")"
grep -q "tok-123" "$WORK/bearer.out" "$WORK/bearer.ndjson" && fail "the token was printed or recorded"

run "$FLOWHOOK" listen --port 0 --basic nocolon
expect_exit 2
expect_err "USER:PASS"
finish
