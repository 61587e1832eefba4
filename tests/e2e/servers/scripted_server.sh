# Starts tests/e2e/servers/scripted_server.py for a send test (source after lib.sh).
#   start_server [--answers SPEC] [--expect-auth VALUE] [--tls CERT KEY]
# sets PORT, URL (http://127.0.0.1:PORT/hooks) and SERVER_LOG (one JSON line per request),
# and registers the server in CHILD_PIDS so that lib.sh's trap stops it.
SCRIPTED_SERVER="$(dirname "${BASH_SOURCE[0]}")/scripted_server.py"

start_server() {
  SERVER_LOG="$WORK/requests.ndjson"
  : >"$SERVER_LOG"
  python3 "$SCRIPTED_SERVER" --log "$SERVER_LOG" "$@" >"$WORK/server.port" 2>"$WORK/server.err" &
  CHILD_PIDS+=($!)
  local waited=0
  until [[ -s "$WORK/server.port" ]]; do
    sleep 0.05
    waited=$((waited + 1))
    if ((waited > 200)); then
      echo "FAIL [$TEST_NAME]: the scripted server did not start: $(cat "$WORK/server.err")" >&2
      exit 1
    fi
  done
  PORT=$(head -n1 "$WORK/server.port")
  URL="http://127.0.0.1:$PORT/hooks"
}

# requests: how many requests the server has logged.
requests() { wc -l <"$SERVER_LOG" | tr -d ' '; }

# expect_requests N: the server logged exactly N requests.
expect_requests() {
  local got
  got=$(requests)
  [[ "$got" == "$1" ]] || fail "expected $1 request(s) at the server, got $got"
}
