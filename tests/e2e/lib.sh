# Helpers for the end-to-end tests: run the built binary, check exit codes and output.
# Each test script sources this file, runs commands with `run`, asserts, and ends with `finish`.
set -uo pipefail

: "${FLOWHOOK:?FLOWHOOK must name the built binary}"
TEST_NAME=$(basename "$0" .sh)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flowhook-e2e.XXXXXX")
FAILURES=0
declare -a CHILD_PIDS=()

# Under AddressSanitizer, shadow memory and the quarantine of freed blocks inflate resident
# memory: memory bounds in tests are multiplied by MEMORY_FACTOR, and the quarantine kept small.
# ThreadSanitizer's shadow memory inflates it the same way.
LINKED=$(ldd "$FLOWHOOK" 2>/dev/null)
if [[ $LINKED == *libasan* ]]; then
  MEMORY_FACTOR=4
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
elif [[ $LINKED == *libtsan* ]]; then
  MEMORY_FACTOR=4
else
  MEMORY_FACTOR=1
fi

cleanup() {
  for pid in "${CHILD_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${CHILD_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL [$TEST_NAME]: $*" >&2
  FAILURES=$((FAILURES + 1))
}

# run CMD...: runs it with a time limit (RUN_TIMEOUT seconds, 60 unless a test sets it), keeping
# stdout in $OUT, stderr in $ERR, status in $STATUS.
RUN_TIMEOUT=60
run() {
  timeout "$RUN_TIMEOUT" "$@" >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
  STATUS=$?
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}

# run_stdin FILE CMD...: like run, with FILE on stdin.
run_stdin() {
  local input=$1
  shift
  timeout 60 "$@" >"$WORK/stdout" 2>"$WORK/stderr" <"$input"
  STATUS=$?
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}

expect_exit() {
  [[ "$STATUS" == "$1" ]] || fail "expected exit $1, got $STATUS; stderr: $ERR; stdout: ${OUT:0:2000}"
}

expect_out() {
  grep -qF -- "$1" <<<"$OUT" || fail "stdout lacks '$1'; stdout: ${OUT:0:2000}"
}

expect_err() {
  grep -qF -- "$1" <<<"$ERR" || fail "stderr lacks '$1'; stderr: ${ERR:0:2000}"
}

expect_no_out() {
  ! grep -qF -- "$1" <<<"$OUT" || fail "stdout has '$1' but should not; stdout: ${OUT:0:2000}"
}

# expect_usage_error LINE CMD...: CMD exits 2, its stderr is exactly LINE (then at most the
# "Run with --help for usage." hint), and it prints nothing on stdout.
expect_usage_error() {
  local line=$1
  shift
  run "$@"
  [[ "$STATUS" == 2 ]] || fail "'$*': exit $STATUS, expected 2; stderr: $ERR"
  [[ "$(head -n 1 <<<"$ERR")" == "$line" ]] || fail "'$*': stderr is
$ERR
expected first line:
$line"
  [[ "$(tail -n +2 <<<"$ERR")" =~ ^(Run with --help for usage\.)?$ ]] || fail "'$*': more on stderr: $ERR"
  [[ -z "$OUT" ]] || fail "'$*': printed on stdout: $OUT"
}

# expect_json FILTER VALUE: jq's compact output of FILTER over stdout equals VALUE.
expect_json() {
  local got
  got=$(jq -c "$1" <"$WORK/stdout" 2>&1)
  [[ "$got" == "$2" ]] || fail "json $1: expected $2, got $got"
}

# expect_records FILTER VALUE: jq's compact output of FILTER over the NDJSON on stdout, slurped
# into one array, equals VALUE.
expect_records() {
  local got
  got=$(jq -s -c "$1" <"$WORK/stdout" 2>&1)
  [[ "$got" == "$2" ]] || fail "records $1: expected $2, got $got"
}

finish() {
  if ((FAILURES)); then
    echo "$TEST_NAME: $FAILURES check(s) failed" >&2
    exit 1
  fi
  echo "$TEST_NAME: ok"
  exit 0
}
