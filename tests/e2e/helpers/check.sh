# Helpers for the check tests (sourced after lib.sh): start a receiver of tests/e2e/check/
# receivers/ on a free port, and read check's JSON report.
CHECK_RECEIVERS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../check/receivers" && pwd)

# start_receiver NAME.py [ARGS...]: runs the receiver in the background (in CHILD_PIDS, so
# lib.sh's trap stops it); sets RECEIVER (its URL) and RECEIVER_PID.
start_receiver() {
  local script=$1 port_file="$WORK/$1.port"
  rm -f "$port_file"  # a previous receiver of the same script wrote its own port there
  shift
  ACTIONS=$("$FLOWHOOK" --list-actions) PYTHONDONTWRITEBYTECODE=1 python3 "$CHECK_RECEIVERS/$script" --port-file "$port_file" "$@" \
    >"$WORK/$script.out" 2>"$WORK/$script.err" &
  RECEIVER_PID=$!
  CHILD_PIDS+=("$RECEIVER_PID")
  for _ in $(seq 100); do
    [[ -s $port_file ]] && break
    sleep 0.05
  done
  [[ -s $port_file ]] || { fail "receiver $script did not start: $(cat "$WORK/$script.err")"; finish; }
  RECEIVER="http://127.0.0.1:$(cat "$port_file")/hooks"
}

# must_failures: the MUST checks that failed in the JSON report on stdout, space-separated.
must_failures() {
  jq -r '[.checks[] | select(.level == "must" and .outcome == "fail") | .name] | join(" ")' <"$WORK/stdout"
}

# expect_only_failure NAME: NAME is the one MUST check that failed (exit 1), in the JSON report.
expect_only_failure() {
  expect_exit 1
  local got
  got=$(must_failures)
  [[ "$got" == "$1" ]] || fail "expected only $1 to fail, got [$got]"
}

# check_field NAME FIELD: the FIELD of check NAME in the JSON report on stdout.
check_field() {
  jq -r --arg name "$1" ".checks[] | select(.name == \$name) | .$2" <"$WORK/stdout"
}

# expect_reproduces NAME STATUS: the Reproduce line of check NAME, run by bash with this
# flowhook first in PATH, sends its payload again and gets STATUS.
expect_reproduces() {
  local line
  line=$(check_field "$1" reproduce)
  [[ "$line" == flowhook\ send* || "$line" == *"| flowhook send"* || "$line" == FLOWHOOK_* ]] ||
    fail "$1: reproduce is not a flowhook send command: $line"
  mkdir -p "$WORK/bin"
  ln -sf "$FLOWHOOK" "$WORK/bin/flowhook"
  PATH="$WORK/bin:$PATH" timeout 60 bash -c "$line --format json" >"$WORK/reproduced" 2>&1
  jq -r 'select(.type == "attempt") | .status' "$WORK/reproduced" 2>/dev/null | grep -qx "$2" || fail "$1: '$line' did not get $2: $(head -c 2000 "$WORK/reproduced")"
}
