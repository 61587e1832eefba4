#!/usr/bin/env bash
# --help fits the terminal: with COLUMNS=80 no line of `flowhook --help` or of any subcommand's
# --help (each subcommand that `flowhook --help` lists, so a new one is covered) is wider than
# 80 columns; option descriptions continue under their column; no doubled blank lines. The
# width follows COLUMNS, is 80 in a pipe without it, and the terminal's own on a terminal.
source "$(dirname "$0")/../lib.sh"

mapfile -t subs < <(COLUMNS=80 "$FLOWHOOK" --help | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
((${#subs[@]} >= 4)) || fail "flowhook --help lists only ${#subs[@]} subcommands: ${subs[*]}"

# check_width WIDTH NAME: every line of $WORK/NAME at most WIDTH characters (UTF-8 aware).
check_width() {
  python3 - "$1" "$WORK/$2" <<'PY' || fail "$2: lines over $1 columns"
import sys
width, path = int(sys.argv[1]), sys.argv[2]
lines = open(path, encoding="utf-8").read().split("\n")
wide = [f"{len(l)}: {l}" for l in lines if len(l) > width]
for l in wide[:5]:
    print(l, file=sys.stderr)
if len(lines) < 10:
    sys.exit(f"only {len(lines)} lines")
sys.exit(1 if wide else 0)
PY
}

for sub in "" "${subs[@]}"; do
  name=help-${sub:-top}
  COLUMNS=80 "$FLOWHOOK" $sub --help >"$WORK/$name.80" || fail "flowhook $sub --help failed"
  check_width 80 "$name.80"
  grep -qzP '\n\n\n' "$WORK/$name.80" && fail "$name: doubled blank lines"
  # A description's next lines start under the description column (30), nowhere else.
  sed -n '/^Options:/,/^[A-Z][a-z]*:$/p' "$WORK/$name.80" | grep -E '^ {3,}[^ -]' | grep -vE '^ {30}[^ ]' &&
    fail "$name: a description line not under its column"
  COLUMNS=60 "$FLOWHOOK" $sub --help >"$WORK/$name.60"
  check_width 60 "$name.60"
  env -u COLUMNS "$FLOWHOOK" $sub --help >"$WORK/$name.pipe"
  cmp -s "$WORK/$name.pipe" "$WORK/$name.80" || fail "$name: in a pipe without COLUMNS, not laid out for 80 columns"
done
# Wider than 80 when told: the send help's long paragraph takes the room.
COLUMNS=120 "$FLOWHOOK" send --help >"$WORK/send.120"
check_width 120 send.120
awk 'length > 80 {n++} END {exit !(n > 3)}' "$WORK/send.120" || fail "COLUMNS=120: no line past 80 columns"
# The first send example, 85 columns wide, is broken with a continuation at 80.
grep -qx '  flowhook send http://localhost:8080/hooks --action ORDER_SETTLED \\' "$WORK/help-send.80" ||
  fail "send example not broken with a continuation: $(grep -A1 'ORDER_SETTLED' "$WORK/help-send.80")"

# On a terminal (script(1)) of 100 columns, without COLUMNS: its width.
command -v script >/dev/null || { fail "script(1) is missing (bash .ci/install-deps --tests)"; finish; }
env -u COLUMNS TERM=xterm timeout 30 script -qec "stty cols 100 rows 40; '$FLOWHOOK' send --help" "$WORK/send.tty" >/dev/null </dev/null
tr -d '\r' <"$WORK/send.tty" | sed '1{/^Script started/d}' >"$WORK/send.tty.txt"
check_width 100 send.tty.txt
awk 'length > 80 {n++} END {exit !(n > 3)}' "$WORK/send.tty.txt" || fail "on a 100-column terminal, laid out for fewer: $(head -c 600 "$WORK/send.tty.txt")"
finish
