#!/usr/bin/env bash
# On a terminal, send's per-attempt and outcome lines name the action once and cut the answer's
# snippet to fit the width (script(1) fakes the terminal); in a pipe every byte is as before,
# COLUMNS or not.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
command -v script >/dev/null || { echo "FAIL: script(1) is missing (bash .ci/install-deps --tests)" >&2; exit 1; }

start_listener l --fail-first 2 --no-body
URL="http://127.0.0.1:$PORT/hooks"
answer_500='"{\"status\":500,\"error\":\"Internal Server Error\"}\n"'

# A pipe: the label names the action twice (name, then action), the whole snippet, as ever.
COLUMNS=40 run "$FLOWHOOK" send "$URL" --action STOCK_CHANGE --backoff 10ms
expect_exit 0
expect_out "sample STOCK_CHANGE  STOCK_CHANGE  attempt 1: 500 Internal Server Error in "
expect_out "$answer_500; retry in "
expect_out 'sample STOCK_CHANGE  STOCK_CHANGE  attempt 3: 200 OK in '
expect_out 'sample STOCK_CHANGE  STOCK_CHANGE  delivered after 3 attempts'

# on_terminal NAME COLUMNS SEED: one run of send on a terminal COLUMNS wide, a new body each
# time (the listener fails each new body twice); what it showed in $WORK/NAME.txt, without
# colours and carriage returns.
on_terminal() {
  env -u COLUMNS TERM=xterm timeout 60 script -qec \
    "stty cols $2 rows 40; '$FLOWHOOK' send '$URL' --action TILL_OPEN --random --seed $3 --backoff 10ms" \
    "$WORK/$1.tty" >/dev/null </dev/null
  tr -d '\r' <"$WORK/$1.tty" | sed -e '1{/^Script started/d}' -e '/^Script done/d' -e 's/\x1b\[[0-9;]*m//g' >"$WORK/$1.txt"
  grep -q 'delivered after 3 attempts' "$WORK/$1.txt" || fail "$1: not delivered: $(cat "$WORK/$1.txt")"
}

# expect_fits NAME COLUMNS: no line of $WORK/NAME.txt is wider.
expect_fits() {
  local wide
  wide=$(awk -v w="$2" 'length > w' "$WORK/$1.txt")
  [[ -z "$wide" ]] || fail "$1: lines wider than $2 columns: $wide"
}

on_terminal wide 100 1
expect_fits wide 100
grep -q 'TILL_OPEN  TILL_OPEN' "$WORK/wide.txt" && fail "wide: the action is named twice: $(cat "$WORK/wide.txt")"
grep -q '^sample TILL_OPEN  attempt 1: 500 Internal Server Error in .*  "{\\"status\\":500,.*\.\.\."; retry in ' "$WORK/wide.txt" ||
  fail "wide: attempt 1 without a cut snippet: $(cat "$WORK/wide.txt")"
grep -q '^sample TILL_OPEN  attempt 3: 200 OK in .*  "{\\"status\\":200,\\"accepted\\":true}\\n"$' "$WORK/wide.txt" ||
  fail "wide: attempt 3 without its whole snippet, which fits: $(cat "$WORK/wide.txt")"
grep -q '^sample TILL_OPEN  delivered after 3 attempts$' "$WORK/wide.txt" || fail "wide: outcome line: $(cat "$WORK/wide.txt")"

on_terminal narrow 80 2
expect_fits narrow 80
grep -q '^sample TILL_OPEN  attempt 1: 500 Internal Server Error in [^ ]*; retry in ' "$WORK/narrow.txt" ||
  fail "narrow: attempt 1 should leave out a snippet it has no room for: $(cat "$WORK/narrow.txt")"
grep -q '^sample TILL_OPEN  attempt 3: 200 OK in .*  "{.*\.\.\."$' "$WORK/narrow.txt" ||
  fail "narrow: attempt 3's snippet is not cut: $(cat "$WORK/narrow.txt")"
finish
