#!/usr/bin/env bash
# send against Debian's nginx, plain and TLS (a throwaway CA): the exact body arrives, a 503 is
# retried the configured number of times, a 301 is not followed, and the https certificate is
# verified (unknown CA refused, the CA trusted with --cacert).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/peers.sh"
source "$(dirname "$0")/../helpers/certs.sh"

# Odd spacing, no final newline, non-ASCII text: nothing may be re-encoded on the way.
printf '{ "action" :"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},\t"store":{"Id":1,"Uid":"Sm\xc3\xb8rrebr\xc3\xb8d"},"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}' >"$WORK/odd.json"
make_ca
make_cert nginx "DNS:localhost,IP:127.0.0.1"
start_nginx "$CERTS/nginx.pem" "$CERTS/nginx.key"

nginx_requests() { wc -l <"$NGINX_LOG" | tr -d ' '; }
expect_nginx_bodies() {  # every logged body is FILE's bytes
  local i
  for ((i = 0; i < $(nginx_requests); i++)); do
    cmp -s <(jq -s -j ".[$i].body" "$NGINX_LOG") "$1" || fail "nginx got another body: $(jq -s -c ".[$i]" "$NGINX_LOG")"
  done
}

run "$FLOWHOOK" send "http://127.0.0.1:$NGINX_PORT/hooks" "$WORK/odd.json" --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | [.status, .body]]' '[[200,"ok"]]'
[[ $(nginx_requests) == 1 ]] || fail "requests at nginx: $(nginx_requests)"
expect_nginx_bodies "$WORK/odd.json"
[[ $(jq -r .content_length "$NGINX_LOG") == $(stat -c %s "$WORK/odd.json") ]] || fail "Content-Length: $(cat "$NGINX_LOG")"
[[ $(jq -r .content_type "$NGINX_LOG") == application/json ]] || fail "Content-Type: $(cat "$NGINX_LOG")"

# 503: retried --retries times, then given up.
: >"$NGINX_LOG"
run "$FLOWHOOK" send "http://127.0.0.1:$NGINX_PORT/fail" "$WORK/odd.json" --retries 2 --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .status]' '[503,503,503]'
expect_records '.[] | select(.type == "outcome") | .outcome' '"gave_up"'
[[ $(nginx_requests) == 3 ]] || fail "requests at nginx for 3 attempts: $(nginx_requests)"
expect_nginx_bodies "$WORK/odd.json"

# 301: shown with its Location, not followed.
: >"$NGINX_LOG"
run "$FLOWHOOK" send "http://127.0.0.1:$NGINX_PORT/moved" "$WORK/odd.json" --no-retry --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | [.status, .location]]' "[[301,\"http://127.0.0.1:$NGINX_PORT/hooks/\"]]"
[[ $(jq -r .path "$NGINX_LOG") == /moved ]] || fail "the redirect was followed: $(cat "$NGINX_LOG")"
expect_err "hint: the receiver redirects"

# Many payloads over keep-alive connections: each once, none lost.
for i in $(seq 1 20); do jq -c ".order.Id = $i" "$FIXTURES/documented/order_settled.json"; done >"$WORK/twenty.ndjson"
: >"$NGINX_LOG"
run "$FLOWHOOK" send "http://127.0.0.1:$NGINX_PORT/hooks" "$WORK/twenty.ndjson" --concurrency 4
expect_exit 0
[[ $(jq -r .body "$NGINX_LOG" | jq -s -c 'map(.order.Id) | sort') == "[$(seq -s, 1 20)]" ]] ||
  fail "bodies at nginx: $(jq -r .body "$NGINX_LOG" | jq -s -c 'map(.order.Id)')"

# TLS: the throwaway CA is unknown until --cacert names it; then the same exact body.
: >"$NGINX_LOG"
run "$FLOWHOOK" send "https://localhost:$NGINX_TLS_PORT/hooks" "$WORK/odd.json" --no-retry --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .detail]' '["the certificate is signed by an unknown CA (use --cacert FILE, or --insecure)"]'
[[ $(nginx_requests) == 0 ]] || fail "a request reached nginx through an unverified TLS connection"
run "$FLOWHOOK" send "https://localhost:$NGINX_TLS_PORT/hooks" "$WORK/odd.json" --cacert "$CERTS/ca.pem" --format json
expect_exit 0
expect_records '[.[] | select(.type == "attempt") | .status]' '[200]'
run "$FLOWHOOK" send "https://127.0.0.1:$NGINX_TLS_PORT/fail" "$WORK/odd.json" --cacert "$CERTS/ca.pem" --retries 1 --backoff 10ms --format json
expect_exit 1
expect_records '[.[] | select(.type == "attempt") | .status]' '[503,503]'
[[ $(nginx_requests) == 3 ]] || fail "requests at nginx over TLS: $(nginx_requests)"
expect_nginx_bodies "$WORK/odd.json"
finish
