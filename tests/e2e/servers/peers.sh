# Starts receivers that flowhook did not write, for send's interop tests (source after lib.sh):
#   start_node_receiver [ARGS]   Node's http/https module (node_receiver.js)
#   start_go_receiver [ARGS]     Go's net/http (go_receiver.go, built offline under $WORK)
# Each sets PORT, URL (http://127.0.0.1:PORT/hooks) and PEER_LOG (one JSON line per request),
# and registers the receiver in CHILD_PIDS so that lib.sh's trap stops it.
PEERS_DIR="$(dirname "${BASH_SOURCE[0]}")"
PEERS_STARTED=0
PEER_PID=

# wait_for_port FILE WHAT: waits for the first line of FILE (a port) and sets PORT.
wait_for_port() {
  local waited=0
  until [[ -s "$1" ]]; do
    sleep 0.05
    waited=$((waited + 1))
    if ((waited > 600)) || ! kill -0 "$PEER_PID" 2>/dev/null; then
      echo "FAIL [$TEST_NAME]: $2 did not start: $(cat "$WORK/peer.err")" >&2
      exit 1
    fi
  done
  PORT=$(head -n1 "$1")
  URL="http://127.0.0.1:$PORT/hooks"
}

stop_peer() {
  if [[ -n "$PEER_PID" ]]; then
    kill "$PEER_PID" 2>/dev/null
    wait "$PEER_PID" 2>/dev/null
    PEER_PID=
  fi
}

start_peer() {
  local what=$1
  shift
  stop_peer
  PEERS_STARTED=$((PEERS_STARTED + 1))
  local port_file="$WORK/peer$PEERS_STARTED.port"
  PEER_LOG="$WORK/peer$PEERS_STARTED.ndjson"
  : >"$PEER_LOG"
  "$@" --log "$PEER_LOG" >"$port_file" 2>"$WORK/peer.err" &
  PEER_PID=$!
  CHILD_PIDS+=("$PEER_PID")
  wait_for_port "$port_file" "$what"
}

start_node_receiver() {
  command -v node >/dev/null || { echo "SKIP: node is not installed (.ci/install-deps --tests)"; exit 77; }
  start_peer "the Node receiver" node "$PEERS_DIR/node_receiver.js" "$@"
}

# The Go receiver is built once per test, offline: the standard library only, its build cache
# under $WORK, no toolchain download, no module proxy.
build_go_receiver() {
  command -v go >/dev/null || { echo "SKIP: go is not installed (.ci/install-deps --tests)"; exit 77; }
  [[ -x "$WORK/go_receiver" ]] && return
  mkdir -p "$WORK/go/cache" "$WORK/go/path"
  cp "$PEERS_DIR/go_receiver.go" "$WORK/go/main.go"
  (cd "$WORK/go" && GOCACHE="$WORK/go/cache" GOPATH="$WORK/go/path" GOTOOLCHAIN=local GOPROXY=off \
    GOFLAGS= GO111MODULE=off timeout 300 go build -o "$WORK/go_receiver" main.go) >"$WORK/go.err" 2>&1 ||
    { echo "FAIL [$TEST_NAME]: go build: $(cat "$WORK/go.err")" >&2; exit 1; }
}

start_go_receiver() {
  build_go_receiver
  start_peer "the Go receiver" "$WORK/go_receiver" "$@"
}

# peer_requests: how many requests the receiver has logged.
peer_requests() { wc -l <"$PEER_LOG" | tr -d ' '; }

expect_peer_requests() {
  local got
  got=$(peer_requests)
  [[ "$got" == "$1" ]] || fail "expected $1 request(s) at the receiver, got $got"
}

# expect_peer_bodies FILE: every request the receiver logged carried FILE's bytes exactly.
expect_peer_bodies() {
  local want got
  want=$(base64 -w0 "$1")
  while read -r got; do
    [[ "$got" == "$want" ]] || fail "the receiver got another body: $(base64 -d <<<"$got" | head -c 200)"
  done < <(jq -r .body_base64 "$PEER_LOG")
}

# free_port: a port nothing listens on at the moment.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_nginx [CERT KEY]: Debian's nginx in the foreground, its own prefix and config under
# $WORK/nginx. On NGINX_PORT (and NGINX_TLS_PORT with a certificate) it proxies /hooks to a
# second server block that answers 200 "ok", and /fail to one that answers 503; /moved is a 301
# to /hooks/. The proxying makes nginx read each body, which its access log NGINX_LOG keeps as
# one JSON line per request (method, path, status, headers of interest, body).
start_nginx() {
  command -v nginx >/dev/null || { echo "SKIP: nginx is not installed (.ci/install-deps --tests)"; exit 77; }
  local prefix="$WORK/nginx" cert=${1:-} key=${2:-} backend tls_server=""
  mkdir -p "$prefix"
  NGINX_PORT=$(free_port)
  backend=$(free_port)
  NGINX_LOG="$prefix/requests.ndjson"
  : >"$NGINX_LOG"
  if [[ -n "$cert" ]]; then
    NGINX_TLS_PORT=$(free_port)
    tls_server="server { listen 127.0.0.1:$NGINX_TLS_PORT ssl; ssl_certificate $cert; ssl_certificate_key $key; include $prefix/front.conf; }"
  fi
  cat >"$prefix/front.conf" <<CONF
access_log $NGINX_LOG hook;
location /hooks { proxy_pass http://127.0.0.1:$backend/ok; }
location /fail { proxy_pass http://127.0.0.1:$backend/fail; }
location /moved { return 301 /hooks/; }
CONF
  cat >"$prefix/nginx.conf" <<CONF
$( ((EUID == 0)) && echo "user root root;")
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 64; }
http {
  client_body_temp_path $prefix/body;
  proxy_temp_path $prefix/proxy;
  fastcgi_temp_path $prefix/fastcgi;
  uwsgi_temp_path $prefix/uwsgi;
  scgi_temp_path $prefix/scgi;
  client_body_buffer_size 1m;
  log_format hook escape=json '{"method":"\$request_method","path":"\$request_uri","status":\$status,'
    '"content_type":"\$content_type","content_length":"\$content_length",'
    '"user_agent":"\$http_user_agent","body":"\$request_body"}';
  server {
    listen 127.0.0.1:$backend;
    access_log off;
    location /ok { return 200 "ok"; }
    location /fail { return 503 "busy"; }
  }
  server { listen 127.0.0.1:$NGINX_PORT; include $prefix/front.conf; }
  $tls_server
}
CONF
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" -g 'daemon off;' >"$WORK/peer.err" 2>&1 &
  PEER_PID=$!
  CHILD_PIDS+=("$PEER_PID")
  local waited=0
  until curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/moved"; do
    sleep 0.05
    waited=$((waited + 1))
    if ((waited > 200)) || ! kill -0 "$PEER_PID" 2>/dev/null; then
      echo "FAIL [$TEST_NAME]: nginx did not start: $(cat "$WORK/peer.err" "$prefix/error.log" 2>/dev/null)" >&2
      exit 1
    fi
  done
  # nginx logs a request after answering it: wait for the probe's line before emptying the log.
  until grep -q '"/moved"' "$NGINX_LOG"; do sleep 0.05; done
  : >"$NGINX_LOG"
}

# A receiver built on cpp-httplib's documented server API (httplib_receiver.cpp, built by CMake
# beside flowhook; HTTPLIB_RECEIVER names it).
start_httplib_receiver() {
  [[ -x "${HTTPLIB_RECEIVER:-}" ]] || { echo "FAIL [$TEST_NAME]: HTTPLIB_RECEIVER is not built" >&2; exit 1; }
  start_peer "the cpp-httplib receiver" "$HTTPLIB_RECEIVER" "$@"
}
