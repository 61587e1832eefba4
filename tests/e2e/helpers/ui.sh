# Helpers for the listen --ui tests (sourced after listen.sh).
SSE="python3 $HELPERS/sse.py"

# start_ui NAME ARGS...: start_listener NAME --ui ARGS, then sets TOKEN from its inspector line.
start_ui() {
  local name=$1 i
  shift
  start_listener "$name" --ui "$@"
  TOKEN=
  for i in $(seq 50); do
    TOKEN=$(sed -nE 's|^inspector: http://.*/_flowhook/\?token=([0-9a-f]+)$|\1|p' "$WORK/$name.err")
    [[ -n $TOKEN ]] && return 0
    sleep 0.05
  done
  fail "no inspector line: $(cat "$WORK/$name.err")"
  finish
}

# ui_get PATH [CURL ARGS...]: GET under the listener on $PORT; sets CODE, the body in
# $WORK/answer and the head in $WORK/head.
ui_get() {
  local path=$1
  shift
  CODE=$(curl -s -o "$WORK/answer" -D "$WORK/head" -w '%{http_code}' --max-time 20 "$@" "http://127.0.0.1:$PORT$path")
}

# ui_await PATH JQ [SECONDS]: ui_get PATH again until its answer satisfies JQ (at most SECONDS,
# default 10); the last answer stays for expect_answer. The listener answers a delivery before
# the inspector keeps it, so a read right after a send can come too early.
ui_await() {
  local path=$1 filter=$2 i
  for ((i = 0; i < ${3:-10} * 20; i++)); do
    ui_get "$path"
    jq -e "$filter" "$WORK/answer" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  fail "$path never satisfied $filter: $CODE $(head -c 1500 "$WORK/answer")"
}

# ui_post PATH JSON [CURL ARGS...]: a change as the page makes it (its Origin, the token cookie).
ui_post() {
  local path=$1 body=$2
  shift 2
  CODE=$(curl -s -o "$WORK/answer" -D "$WORK/head" -w '%{http_code}' --max-time 60 \
    -H "Origin: http://127.0.0.1:$PORT" -b "flowhook_token_$PORT=$TOKEN" -H 'Content-Type: application/json' \
    --data-binary "$body" "$@" "http://127.0.0.1:$PORT$path")
}

# expect_answer JQ: the last answer's JSON satisfies JQ.
expect_answer() {
  jq -e "$1" "$WORK/answer" >/dev/null 2>&1 || fail "answer does not satisfy $1: $(head -c 1500 "$WORK/answer")"
}

# expect_ui_headers: the last answer's head has the page's policy and no CORS header.
expect_ui_headers() {
  grep -qiF "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'" "$WORK/head" ||
    fail "no CSP on $1: $(cat "$WORK/head")"
  grep -qi '^X-Content-Type-Options: nosniff' "$WORK/head" || fail "no nosniff on $1"
  grep -qi '^Cache-Control: no-store' "$WORK/head" || fail "no Cache-Control: no-store on $1"
  ! grep -qi '^Access-Control-' "$WORK/head" || fail "a CORS header on $1: $(cat "$WORK/head")"
}
