# shellcheck shell=bash
# Helpers of bench/run: processes it starts and always stops, timed runs, figures and the table.
# Sourced, not run. Expects RUN (a scratch folder) and LIMIT (seconds a batch command may take).

log() { printf 'bench: [%3d s] %s\n' "$SECONDS" "$*" >&2; }

# ---- processes ------------------------------------------------------------------------------
# Every server is a child of this shell, recorded here, and stopped by the EXIT trap whatever
# happens, so a failed or interrupted run leaves nothing listening.
SERVER_PIDS=()

# Whether `pid` is still running (a zombie waiting to be reaped counts as gone).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ -n $state && $state != Z* ]]
}

# stop_pid PID [SIGNAL]: asks the process to stop, then kills it after 20 s.
stop_pid() {
  local pid=$1 signal=${2:-TERM} i
  kill "-$signal" "$pid" 2>/dev/null
  for ((i = 0; i < 200; i++)); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    log "process $pid did not stop on SIG$signal; killing it"
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  local kept=() p
  for p in "${SERVER_PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  SERVER_PIDS=("${kept[@]}")
}

stop_all_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do stop_pid "$pid"; done
}

# A free TCP port on 127.0.0.1, for the one server (nginx) that cannot take port 0.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server NAME cmd...: starts a server that prints "listening on http://127.0.0.1:PORT/" on
# stderr (flowhook listen and our peers do); sets SERVER_PID and SERVER_URL. Fails when the line
# does not come within 60 s (valgrind is slow) or the server dies first.
start_server() {
  local name=$1 i port
  shift
  # The child truncates the file only once it runs: a previous run's line must not be read.
  # Its stdout is opened for appending, so that emptying the file mid-run really shrinks it.
  rm -f "$RUN/$name.err" "$RUN/$name.out"
  "$@" >>"$RUN/$name.out" 2>"$RUN/$name.err" &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  for ((i = 0; i < 600; i++)); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$RUN/$name.err" 2>/dev/null | head -n 1)
    if [[ -n $port ]]; then
      SERVER_URL="http://127.0.0.1:$port/"
      return 0
    fi
    alive "$SERVER_PID" || break
    sleep 0.1
  done
  log "$name did not start: $(tail -n 3 "$RUN/$name.err" | tr '\n' ' ')"
  stop_pid "$SERVER_PID"
  return 1
}

# start_nginx: nginx answering 200 in a prefix under the build folder; sets SERVER_PID and
# SERVER_URL.
start_nginx() {
  local prefix=$RUN/nginx port i
  command -v nginx >/dev/null || { log "nginx is missing"; return 1; }
  port=$(free_port)
  mkdir -p "$prefix"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" "$BENCH/peers/nginx.conf.template" >"$prefix/nginx.conf"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" >"$RUN/nginx.out" 2>&1 &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  SERVER_URL="http://127.0.0.1:$port/"
  for ((i = 0; i < 100; i++)); do
    curl -s -o /dev/null --max-time 1 -X POST -d '{}' "$SERVER_URL" && return 0
    alive "$SERVER_PID" || break
    sleep 0.1
  done
  log "nginx did not start: $(tail -n 3 "$prefix/error.log" "$RUN/nginx.out" 2>/dev/null | tr '\n' ' ')"
  stop_pid "$SERVER_PID"
  return 1
}

# Resident memory now (KB) of a running process and its children, from /proc.
memory_now_kb() {
  local total=0 pid kb
  for pid in "$1" $(pgrep -P "$1"); do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

# Peak resident memory (KB) of a running process and its children, from /proc.
peak_memory_kb() {
  local total=0 pid kb
  for pid in "$1" $(pgrep -P "$1"); do
    kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

# ---- timed runs ----------------------------------------------------------------------------
# Per contender KEY: the best (shortest) time, the largest peak memory, whether a run failed.
declare -A BEST_SECONDS=() PEAK_KB=() FAILED=()

# timed KEY OK_MAX cmd...: runs cmd once, bounded by LIMIT seconds, stdout to $RUN/KEY.out; a
# status above OK_MAX (validators exit 1 on an invalid payload, which still did the work) or a
# timeout marks KEY failed.
timed() {
  local key=$1 ok_max=$2 start end status seconds memory
  shift 2
  start=$(date +%s%N)
  /usr/bin/time -f %M -o "$RUN/$key.mem" timeout "$LIMIT" "$@" >"$RUN/$key.out" 2>"$RUN/$key.err"
  status=$?
  end=$(date +%s%N)
  if ((status > ok_max)); then
    FAILED[$key]=1
    log "$key failed (exit $status): $(tail -n 2 "$RUN/$key.err" | tr '\n' ' ')"
    return 1
  fi
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
  memory=$(tail -n 1 "$RUN/$key.mem")
  if [[ -z ${BEST_SECONDS[$key]:-} ]] || awk -v s="$seconds" -v b="${BEST_SECONDS[$key]}" 'BEGIN { exit !(s < b) }'; then
    BEST_SECONDS[$key]=$seconds
  fi
  ((memory > ${PEAK_KB[$key]:-0})) && PEAK_KB[$key]=$memory
  return 0
}

# rate KEY COUNT: COUNT per second at KEY's best time, or empty when KEY failed or never ran.
rate() {
  [[ -n ${FAILED[$1]:-} || -z ${BEST_SECONDS[$1]:-} ]] && return 0
  awk -v n="$2" -v s="${BEST_SECONDS[$1]}" 'BEGIN { printf "%.1f", n / s }'
}

# ---- wrk runs ------------------------------------------------------------------------------
# Per contender KEY: the requests/s, p50 and p99 (microseconds) of every run; the median is shown.
declare -A WRK_RPS=() WRK_P50=() WRK_P99=()

# load KEY CONNECTIONS URL SECONDS [PAYLOAD]: one bounded wrk run posting PAYLOAD (default
# $PAYLOAD).
load() {
  local key=$1 connections=$2 url=$3 seconds=$4 payload=${5:-$PAYLOAD} threads=2 line
  ((connections < threads)) && threads=$connections
  BENCH_PAYLOAD=$payload timeout $((seconds + 30)) wrk "-t$threads" "-c$connections" "-d${seconds}s" \
    --timeout 10s -s "$BENCH/post.lua" "$url" >"$RUN/wrk.out" 2>&1
  line=$(grep '^BENCH ' "$RUN/wrk.out")
  if [[ -z $line ]]; then
    FAILED[$key]=1
    log "wrk against $key failed: $(tail -n 2 "$RUN/wrk.out" | tr '\n' ' ')"
    return 1
  fi
  local requests duration_us p50_us p99_us errors non2xx
  # The fields of post.lua's line, in its order.
  read -r requests duration_us p50_us p99_us errors non2xx < <(sed 's/[a-z0-9_]*=//g; s/^BENCH //' <<<"$line")
  requests=${requests:-0} errors=${errors:-0} non2xx=${non2xx:-0}
  if ((non2xx > 0 || errors > 0)); then
    log "$key: $errors socket errors and $non2xx answers not 2xx in $requests requests"
  fi
  WRK_RPS[$key]+="$(awk -v n="$requests" -v d="$duration_us" 'BEGIN { printf "%.1f", n / (d / 1e6) }') "
  WRK_P50[$key]+="$p50_us "
  WRK_P99[$key]+="$p99_us "
}

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

# ---- figures -------------------------------------------------------------------------------
# 1234567 -> 1.23M, 45678 -> 45.7k, 12.3 -> 12.3
human() {
  awk -v v="$1" 'BEGIN {
    if (v == "") { print ""; exit }
    if (v >= 1e6) s = sprintf("%.2fM", v / 1e6); else if (v >= 1e4) s = sprintf("%.1fk", v / 1e3);
    else if (v >= 100) s = sprintf("%.0f", v); else s = sprintf("%.3g", v)
    sub(/\.0+k$/, "k", s); sub(/\.00M$/, "M", s); print s }'
}
megabytes() {
  if [[ -n ${1:-} && ${1:-0} != 0 ]]; then awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; else echo "-"; fi
}
milliseconds() { awk -v us="$1" 'BEGIN { printf (us < 10000 ? "%.2f ms" : "%.0f ms"), us / 1000 }'; }

# ratio A B: A/B as "1.23x", empty when either is missing.
ratio() {
  [[ -z ${1:-} || -z ${2:-} ]] && return 0
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b }'
}

# paired_ratio "A1 A2 .." "B1 B2 ..": the median of A1/B1, A2/B2, ... as "1.23x", for figures
# measured side by side in each round.
paired_ratio() {
  [[ -z ${1:-} || -z ${2:-} ]] && return 0
  median "$(rounds_compared "$1" "$2")" | awk '{ printf "%.2fx", $1 }'
}

# rounds_compared "A1 A2 .." "B1 B2 ..": "A1/B1 A2/B2 ..." with two decimals.
rounds_compared() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    n = split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= n; i++) if (y[i] > 0) printf "%s%.2f", (i > 1 ? " " : ""), x[i] / y[i]
  }'
}

# bar RATIO MIN: whether "1.23x" clears the bar MIN (a number).
bar() {
  local text="at least ${2}x"
  [[ -z ${1:-} ]] && { echo "$text: not measured"; return; }
  awk -v r="${1%x}" -v m="$2" -v t="$text" 'BEGIN { print t ": " (r + 0 >= m ? "met" : "MISSED") }'
}

# shellcheck disable=SC2034 # used by bench/run
NA="n/a (not available)"

# row FIGURE FLOWHOOK PEER PEER_VALUE RATIO BAR MEMORY: one line of the table.
row() {
  local IFS=$'\t'
  printf '%s\n' "$*" >>"$ROWS"
}

# Prints the table on stdout and writes it as markdown to $1, with the run's description.
print_table() {
  local header=$'figure\tflowhook\tpeer\tpeer\'s figure\tratio\tbar\tpeak memory (flowhook / peer)'
  {
    printf '%s\n' "$header"
    cat "$ROWS"
  } | awk -F'\t' '
    { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) }
      if (NF > columns) columns = NF }
    END {
      for (r = 1; r <= NR; r++) {
        line = ""
        for (i = 1; i <= columns; i++) line = line sprintf("%-" width[i] "s", cell[r, i]) (i < columns ? " | " : "")
        print line
        if (r == 1) { line = ""; for (i = 1; i <= columns; i++) { d = sprintf("%" width[i] "s", ""); gsub(/ /, "-", d); line = line d (i < columns ? "-+-" : "") } print line }
      }
    }'
  {
    printf '# flowhook benchmarks\n\n%s\n\n' "$DESCRIPTION"
    printf '| %s |\n' "${header//$'\t'/ | }"
    printf '|%s\n' "$(printf -- '---|%.0s' 1 2 3 4 5 6 7)"
    sed 's/|/\\|/g; s/\t/ | /g; s/^/| /; s/$/ |/' "$ROWS"
  } >"$1"
}
