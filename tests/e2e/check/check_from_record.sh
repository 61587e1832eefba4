#!/usr/bin/env bash
# --from FILE, a listen --record file, adds an accepts/recorded-N check per delivery in it:
# each recorded body (and its headers) is replayed, and its Reproduce line replays that line.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/check.sh"

# Record two deliveries as the platform would have sent them.
start_listener recorder --record "$WORK/deliveries.ndjson" -q
"$FLOWHOOK" send "http://127.0.0.1:$PORT/hooks" --action ORDER_SETTLED --action TILL_OPEN --no-retry >/dev/null ||
  fail "could not record"
stop_listener "$LISTENER_PID"
expect_file_lines "$WORK/deliveries.ndjson" 2

run "$FLOWHOOK" check --list --from "$WORK/deliveries.ndjson" --only accepts/recorded-1 --only accepts/recorded-2
expect_exit 0
expect_out 'accepts/recorded-1'
expect_out 'record 2 of --from: 2xx within --timeout'

start_receiver slow_action.py
run "$FLOWHOOK" check "$RECEIVER" --from "$WORK/deliveries.ndjson" --only accepts/recorded-1 --only accepts/recorded-2 --timeout 1s --format json
expect_only_failure accepts/recorded-2
expect_json '.checks[] | select(.name == "accepts/recorded-1") | .status' '200'
[[ $(check_field accepts/recorded-2 reproduce) == *"--replay <(sed -n 2p $WORK/deliveries.ndjson)"* ]] ||
  fail "reproduce: $(check_field accepts/recorded-2 reproduce)"

echo 'not a record' >"$WORK/torn.ndjson"
run "$FLOWHOOK" check "$RECEIVER" --from "$WORK/torn.ndjson"
expect_exit 2
expect_err "flowhook: check: $WORK/torn.ndjson:1: skipped: not a complete JSON record (torn or corrupt line)"
expect_err "flowhook: check: --from $WORK/torn.ndjson: no delivery recorded in it"
[[ -z "$OUT" ]] || fail "a torn --from file still ran checks: $OUT"
expect_usage_error "flowhook: check: cannot read --from file $WORK/missing.ndjson: No such file or directory" \
  "$FLOWHOOK" check "$RECEIVER" --from "$WORK/missing.ndjson"
finish
