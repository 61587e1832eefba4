#!/usr/bin/env bash
# Behind a reverse proxy, as through a tunnel: nginx (Debian's, run in the foreground on a free
# loopback port under $WORK) relays to the listener and sets X-Forwarded-For and
# X-Forwarded-Proto; the printed delivery shows them, the record keeps them, and the body
# arrives exactly as sent. Also: --host beyond loopback without credentials warns on start,
# after the "listening on" line; loopback, or credentials, do not.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

warning='flowhook: listen: warning: 0.0.0.0 is not loopback and no --basic/--bearer is set: anyone who reaches it can deliver'
start_listener open --host 0.0.0.0 --exit-after 1
sleep 0.2
[[ $(sed -n 2p "$WORK/open.err") == "$warning" ]] || fail "no warning on line 2 of stderr: $(cat "$WORK/open.err")"
post /hooks "$ORDER"
expect_code 200
start_listener guarded --host 0.0.0.0 --bearer s3cret --exit-after 1
sleep 0.2
! grep -q warning "$WORK/guarded.err" || fail "warned with --bearer: $(cat "$WORK/guarded.err")"
start_listener local --exit-after 1
sleep 0.2
! grep -q warning "$WORK/local.err" || fail "warned on loopback: $(cat "$WORK/local.err")"

command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || { echo "nginx is not installed (.ci/install-deps --tests)"; exit 77; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
start_listener behind --record "$WORK/behind.ndjson" --headers
NGINX_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://127.0.0.1:$PORT;
      proxy_http_version 1.1;
      proxy_set_header X-Forwarded-For 203.0.113.7;
      proxy_set_header X-Forwarded-Proto https;
    }
  }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>"$WORK/nginx/stderr" &
CHILD_PIDS+=($!)
for _ in $(seq 100); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$NGINX_PORT/" && break
  sleep 0.05
done
CODE=$(curl -s -o "$WORK/answer" -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
  --data-binary @"$ORDER" "http://127.0.0.1:$NGINX_PORT/hooks")
expect_code 200
wait_lines "$WORK/behind.ndjson" 1
stop_listener "$LISTENER_PID"
grep -qxF '  X-Forwarded-For: 203.0.113.7  X-Forwarded-Proto: https' "$WORK/behind.out" ||
  fail "the forwarded-for line is missing: $(head -4 "$WORK/behind.out")"
[[ $(jq -r '[.headers[] | select(.[0] == "X-Forwarded-For" or .[0] == "X-Forwarded-Proto") | .[1]] | join(" ")' \
  "$WORK/behind.ndjson") == "203.0.113.7 https" ]] || fail "record headers: $(jq -c .headers "$WORK/behind.ndjson")"
cmp -s <(jq -j .raw "$WORK/behind.ndjson") "$ORDER" || fail "the body through nginx differs"
# Without a proxy there is no such line.
! grep -q 'X-Forwarded' "$WORK/open.out" || fail "a direct delivery printed X-Forwarded: $(cat "$WORK/open.out")"
finish
