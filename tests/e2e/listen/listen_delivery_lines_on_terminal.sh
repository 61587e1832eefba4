#!/usr/bin/env bash
# On a terminal, listen's per-delivery lines (the request, the action, the outcome) are cut to
# the width (script(1) fakes the terminal); in a pipe every byte is as before.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
command -v script >/dev/null || { echo "FAIL: script(1) is missing (bash .ci/install-deps --tests)" >&2; exit 1; }

long_path="/hooks/$(printf 'segment%02d/' $(seq 1 12))end"

# A pipe: the whole target.
start_listener pipe --no-body
post "$long_path" "$ORDER"
expect_code 200
stop_listener "$LISTENER_PID"
grep -q "  POST $long_path  from 127.0.0.1:" "$WORK/pipe.out" || fail "pipe: the target is not whole: $(cat "$WORK/pipe.out")"

# A terminal 80 columns wide: the listener on it exits after one delivery.
env -u COLUMNS TERM=xterm timeout 60 script -qec \
  "stty cols 80 rows 40; '$FLOWHOOK' listen --port 0 --no-body --exit-after 1 2>'$WORK/tty.err'" \
  "$WORK/tty.tty" >/dev/null </dev/null &
TTY_PID=$!
CHILD_PIDS+=("$TTY_PID")
PORT=
for _ in $(seq 100); do
  PORT=$(sed -nE 's|^listening on http://.*:([0-9]+)/$|\1|p' "$WORK/tty.err" 2>/dev/null | head -1)
  [[ -n "$PORT" ]] && break
  sleep 0.05
done
[[ -n "$PORT" ]] || { fail "the listener on a terminal did not start: $(cat "$WORK/tty.err")"; finish; }
post "$long_path" "$ORDER"
expect_code 200
wait_exit "$TTY_PID"
tr -d '\r' <"$WORK/tty.tty" | sed -e '1{/^Script started/d}' -e '/^Script done/d' -e 's/\x1b\[[0-9;]*m//g' >"$WORK/tty.txt"
grep -q '  POST /hooks/segment01/.*\.\.\.  from 127.0.0.1:[0-9]*$' "$WORK/tty.txt" ||
  fail "terminal: the target is not cut: $(cat "$WORK/tty.txt")"
grep -q '^  ORDER_SETTLED tenant=7' "$WORK/tty.txt" || fail "terminal: no action line: $(cat "$WORK/tty.txt")"
grep -q '^  answered 200' "$WORK/tty.txt" || fail "terminal: no outcome line: $(cat "$WORK/tty.txt")"
wide=$(awk 'length > 80' "$WORK/tty.txt")
[[ -z "$wide" ]] || fail "terminal: lines wider than 80 columns: $wide"
finish
