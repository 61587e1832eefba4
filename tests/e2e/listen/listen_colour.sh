#!/usr/bin/env bash
# The body is coloured on a terminal only, never with NO_COLOR (a pseudo-terminal via script).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
command -v script >/dev/null || { echo "$TEST_NAME: skipped (no script(1))"; exit 0; }

# on_terminal NAME [ENV...]: a listener on a pseudo-terminal taking one delivery.
on_terminal() {
  local name=$1
  shift
  env "$@" script -qfec "$FLOWHOOK listen --port 0 --exit-after 1 2>$WORK/$name.err" /dev/null >"$WORK/$name.out" &
  local pid=$!
  CHILD_PIDS+=("$pid")
  for _ in $(seq 100); do
    PORT=$(sed -nE 's|^listening on http://.*:([0-9]+)/$|\1|p' "$WORK/$name.err" 2>/dev/null)
    [[ -n "$PORT" ]] && break
    sleep 0.05
  done
  post /hooks "$ORDER"
  expect_code 200
  wait_exit "$pid"
}

on_terminal tty TERM=xterm
grep -q $'\e\\[36m"action"' "$WORK/tty.out" || fail "no colour on a terminal: $(head -c 400 "$WORK/tty.out" | od -c | head)"
on_terminal nocolour TERM=xterm NO_COLOR=1
grep -q $'\e\\[' "$WORK/nocolour.out" && fail "colour despite NO_COLOR"
grep -q '"action": "ORDER_SETTLED"' "$WORK/nocolour.out" || fail "body missing: $(cat "$WORK/nocolour.out")"
finish
