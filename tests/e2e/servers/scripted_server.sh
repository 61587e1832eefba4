# Starts tests/e2e/servers/scripted_server.py for a send test (source after lib.sh).
#   start_server [--answers SPEC] [--expect-auth VALUE] [--tls CERT KEY]
# sets PORT, URL (http://127.0.0.1:PORT/hooks) and SERVER_LOG (one JSON line per request),
# and registers the server in CHILD_PIDS so that lib.sh's trap stops it.
SCRIPTED_SERVER="$(dirname "${BASH_SOURCE[0]}")/scripted_server.py"

SERVERS_STARTED=0
SERVER_PID=

start_server() {
  stop_server
  SERVERS_STARTED=$((SERVERS_STARTED + 1))
  local port_file="$WORK/server$SERVERS_STARTED.port"
  SERVER_LOG="$WORK/requests$SERVERS_STARTED.ndjson"
  : >"$SERVER_LOG"
  python3 "$SCRIPTED_SERVER" --log "$SERVER_LOG" "$@" >"$port_file" 2>"$WORK/server.err" &
  SERVER_PID=$!
  CHILD_PIDS+=("$SERVER_PID")
  local waited=0
  until [[ -s "$port_file" ]]; do
    sleep 0.05
    waited=$((waited + 1))
    if ((waited > 200)); then
      echo "FAIL [$TEST_NAME]: the scripted server did not start: $(cat "$WORK/server.err")" >&2
      exit 1
    fi
  done
  PORT=$(head -n1 "$port_file")
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

# stop_server: stops the server that start_server started last, if any.
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=
  fi
}
