# Helpers for the listen tests (sourced after lib.sh): start a listener on a free port, post to
# it, stop it. Every listener is added to CHILD_PIDS, so lib.sh's trap kills it.
HELPERS=$(dirname "${BASH_SOURCE[0]}")

# start_listener NAME ARGS...: runs `flowhook listen --port 0 ARGS` in the background with its
# stdout in $WORK/NAME.out and stderr in $WORK/NAME.err; sets PORT and LISTENER_PID.
start_listener() {
  local name=$1
  shift
  "$FLOWHOOK" listen --port 0 "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  LISTENER_PID=$!
  CHILD_PIDS+=("$LISTENER_PID")
  PORT=
  for _ in $(seq 100); do
    PORT=$(head -1 "$WORK/$name.err" 2>/dev/null | sed -nE 's|^listening on http://.*:([0-9]+)/$|\1|p')
    [[ -n "$PORT" ]] && return 0
    kill -0 "$LISTENER_PID" 2>/dev/null || break
    sleep 0.05
  done
  fail "listener $name did not start: $(cat "$WORK/$name.err")"
  finish
}

# wait_exit PID [SECONDS]: waits for PID to end (at most SECONDS, default 15); sets EXIT_STATUS
# (124 if it had to be killed).
wait_exit() {
  local pid=$1 limit=${2:-15} i
  for ((i = 0; i < limit * 20; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    EXIT_STATUS=124
    return
  fi
  wait "$pid"
  EXIT_STATUS=$?
}

# stop_listener PID: SIGTERM, then wait; sets EXIT_STATUS.
stop_listener() {
  kill -TERM "$1" 2>/dev/null
  wait_exit "$1"
}

# post URL_PATH FILE [CURL ARGS...]: POSTs FILE to the listener on $PORT; sets CODE (000 when no
# answer) and keeps the answer body in $WORK/answer.
post() {
  local path=$1 file=$2
  shift 2
  CODE=$(curl -s -o "$WORK/answer" -w '%{http_code}' --max-time 20 -H 'Content-Type: application/json' \
    --data-binary "@$file" "$@" "http://127.0.0.1:$PORT$path")
}

# expect_code CODE: the last post got CODE.
expect_code() {
  [[ "$CODE" == "$1" ]] || fail "expected HTTP $1, got $CODE; answer: $(head -c 500 "$WORK/answer" 2>/dev/null)"
}

# expect_file_lines FILE N: FILE has exactly N lines.
expect_file_lines() {
  local n
  n=$(wc -l <"$1" 2>/dev/null || echo 0)
  [[ "$n" == "$2" ]] || fail "$1: expected $2 lines, got $n"
}

ORDER=$FIXTURES/documented/order_settled.json
CUSTOMER=$FIXTURES/documented/customer_create.json

# rss_kb PID: the resident memory of PID in KiB.
rss_kb() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0
}

RSS_FACTOR=$MEMORY_FACTOR  # lib.sh: larger under AddressSanitizer

# probe_while PID: while PID (an attacker) runs, delivers a normal payload with `flowhook send
# --timeout 1s --no-retry` every 0.25 s to the listener on $PORT and samples the listener's
# memory. Sets PROBES, PROBE_FAILS (not delivered within the 1 s attempt), PROBE_MAX_MS (the
# slowest answer, as send measured it) and RSS_MAX_KB.
probe_while() {
  local attacker=$1 outcome ms rss
  PROBES=0 PROBE_FAILS=0 PROBE_MAX_MS=0 RSS_MAX_KB=0
  while kill -0 "$attacker" 2>/dev/null; do
    read -r outcome ms < <(timeout 10 "$FLOWHOOK" send --timeout 1s --no-retry --format json \
      "http://127.0.0.1:$PORT/hooks" "$ORDER" 2>/dev/null |
      jq -r 'select(.type == "outcome") | "\(.outcome) \(.latency_ms | floor)"')
    PROBES=$((PROBES + 1))
    ((${ms:-0} > PROBE_MAX_MS)) && PROBE_MAX_MS=$ms
    if [[ "$outcome" != delivered ]]; then
      PROBE_FAILS=$((PROBE_FAILS + 1))
      echo "probe $PROBES: ${outcome:-no outcome} after ${ms:-?} ms" >&2
    fi
    rss=$(rss_kb "$LISTENER_PID")
    ((rss > RSS_MAX_KB)) && RSS_MAX_KB=$rss
    sleep 0.25
  done
}

# expect_survived LIMIT_KB: the probes all passed, memory stayed under LIMIT_KB (scaled under
# sanitizers) and the listener is alive.
expect_survived() {
  local limit=$(($1 * RSS_FACTOR))
  ((PROBES >= 3)) || fail "only $PROBES probes ran during the attack"
  ((PROBE_FAILS == 0)) || fail "$PROBE_FAILS of $PROBES deliveries by flowhook send were not answered 2xx within 1 s (slowest answer ${PROBE_MAX_MS} ms)"
  ((RSS_MAX_KB < limit)) || fail "resident memory reached ${RSS_MAX_KB} KiB (limit ${limit} KiB)"
  kill -0 "$LISTENER_PID" 2>/dev/null || fail "the listener died"
  echo "probes=$PROBES max_ms=$PROBE_MAX_MS rss_max_kb=$RSS_MAX_KB"
}
HOSTILE="python3 $HELPERS/hostile.py"

# survive_attack NAME LIMIT_KB ATTACK ARGS...: runs `hostile.py ATTACK ARGS` (at most 60 s) with
# its report in $WORK/NAME, probes the listener while it runs (probe_while), then checks that
# the listener survived with memory under LIMIT_KB (expect_survived). Sets ATTACK_STATUS.
survive_attack() {
  local name=$1 limit=$2 attacker
  shift 2
  timeout 60 $HOSTILE "$@" >"$WORK/$name" &
  attacker=$!
  CHILD_PIDS+=("$attacker")
  probe_while "$attacker"
  wait "$attacker"
  ATTACK_STATUS=$?
  expect_survived "$limit"
}

# wait_lines FILE N [SECONDS]: waits until FILE has N lines (at most SECONDS, default 20), so that
# a test under a loaded machine still acts in the middle of a stream, not before it.
wait_lines() {
  local i
  for ((i = 0; i < ${3:-20} * 20; i++)); do
    (($(wc -l <"$1" 2>/dev/null || echo 0) >= $2)) && return 0
    sleep 0.05
  done
  fail "$1 did not reach $2 lines"
}

# orders FILE N: N distinct ORDER_SETTLED payloads as NDJSON, order.Id = the line number.
orders() {
  jq -c . "$ORDER" | awk -v n="$2" '{for (i = 1; i <= n; i++) {line = $0; sub(/"order":\{"Id":[0-9]+/, "\"order\":{\"Id\":" i, line); print line}}' >"$1"
}

# start_send_load NAME FILE: delivers FILE to the listener on $PORT in the background with
# `flowhook send --concurrency 32 --no-retry --format json`, its report in $WORK/NAME.report;
# sets SEND_PID.
start_send_load() {
  timeout 120 "$FLOWHOOK" send --concurrency 32 --no-retry --timeout 10s --format json \
    "http://127.0.0.1:$PORT/hooks" "$2" >"$WORK/$1.report" 2>"$WORK/$1.send.err" &
  SEND_PID=$!
  CHILD_PIDS+=("$SEND_PID")
}

# answered_2xx REPORT: the line numbers (= order ids of `orders`) of the payloads that send's
# REPORT shows answered 2xx, sorted.
answered_2xx() {
  jq -r 'select(.type == "attempt" and .status != null and .status < 300) | .payload | sub(".*:"; "")' "$1" | sort
}

# recorded_orders RECORD: the order ids in the complete lines of a record file, sorted.
recorded_orders() {
  jq -R -r 'fromjson? | .body.order.Id' "$1" | sort
}

# kill9_under_load ARGS...: starts `listen --record $WORK/victim.ndjson --no-body ARGS`, lets
# `send --concurrency 32` deliver 20,000 orders to it and kill -9s it once 300 are recorded.
# Then checks what no crash may lose: every delivery answered 2xx is in the record, once, and
# every line but a torn last one is a whole JSON record.
kill9_under_load() {
  orders "$WORK/orders.ndjson" 20000
  start_listener victim --record "$WORK/victim.ndjson" --no-body "$@"
  start_send_load load "$WORK/orders.ndjson"
  wait_lines "$WORK/victim.ndjson" 300
  kill -9 "$LISTENER_PID"
  wait_exit "$LISTENER_PID"
  wait "$SEND_PID"
  [[ $? == 1 ]] || fail "send did not report the deliveries that failed: $(tail -1 "$WORK/load.report")"

  local accepted recorded missing
  accepted=$(answered_2xx "$WORK/load.report")
  recorded=$(recorded_orders "$WORK/victim.ndjson")
  (($(wc -l <<<"$accepted") > 100)) || fail "too few deliveries to prove anything: $(tail -1 "$WORK/load.report")"
  (($(wc -l <<<"$accepted") < 20000)) || fail "the kill came after the last delivery"
  missing=$(comm -23 <(echo "$accepted") <(echo "$recorded"))
  [[ -z "$missing" ]] || fail "answered 2xx but not recorded: $(head -5 <<<"$missing" | tr '\n' ' ')"
  [[ -z $(uniq -d <<<"$recorded") ]] || fail "a delivery was recorded twice"
  head -n -1 "$WORK/victim.ndjson" | jq -e . >/dev/null || fail "a record other than the last is not JSON"
  if [[ -n $(tail -c 1 "$WORK/victim.ndjson") ]]; then
    tail -n 1 "$WORK/victim.ndjson" | jq -e . >/dev/null 2>&1 && fail "the last line is JSON but lacks its newline"
  fi
  echo "answered 2xx: $(wc -l <<<"$accepted"), recorded: $(wc -l <"$WORK/victim.ndjson") lines"
}
