#!/usr/bin/env bash
# Long runs of validate and generate show a progress line on stderr when stderr is a terminal
# (faked with script(1)), and never when stderr is a pipe or a file, or with -q. The runs are
# made long by a slow writer or reader, not by size, so the test stays quick.
source "$(dirname "$0")/../lib.sh"

command -v script >/dev/null || { echo "script(1) is missing (bash .ci/install-deps --tests)"; exit 1; }
"$FLOWHOOK" generate --all --compact --count 3000 -o "$WORK/events.ndjson" || fail "generate failed"

# on_terminal NAME COMMAND: runs COMMAND (a shell line) with a pseudo-terminal as stderr and
# stdout, keeping what the terminal showed in $WORK/NAME.tty.
on_terminal() {
  TERM=xterm timeout 60 script -qec "$2" "$WORK/$1.tty" >/dev/null </dev/null
  STATUS=$?
}

# validate: 2048 payloads, a pause longer than the 1 s before the first draw, 3000 more.
slow_events="(head -n 2048 '$WORK/events.ndjson'; sleep 1.5; cat '$WORK/events.ndjson')"
on_terminal validate "$slow_events | '$FLOWHOOK' validate --jobs 1 - > '$WORK/report.txt'"
[[ $STATUS == 0 ]] || fail "validate on a terminal: exit $STATUS"
grep -q "payloads validated" "$WORK/validate.tty" || fail "no progress line on a terminal: $(cat -v "$WORK/validate.tty")"
grep -q "payloads validated" "$WORK/report.txt" && fail "the progress line went into the report"
grep -q "5048 payloads in 1 source: 5048 valid" "$WORK/report.txt" || fail "report: $(tail -1 "$WORK/report.txt")"

on_terminal validate-quiet "$slow_events | '$FLOWHOOK' validate -q --jobs 1 - > '$WORK/report.txt'"
grep -q "payloads validated" "$WORK/validate-quiet.tty" && fail "-q still shows progress"

bash -c "$slow_events | '$FLOWHOOK' validate --jobs 1 - > '$WORK/report.txt' 2> '$WORK/validate.err'"
[[ -s "$WORK/validate.err" ]] && fail "stderr in a file is not empty: $(cat -v "$WORK/validate.err")"

# generate: a reader that waits before it drains the pipe keeps generate blocked past 1 s.
slow_reader="(sleep 1.5; cat > '$WORK/out.ndjson')"
on_terminal generate "'$FLOWHOOK' generate --all --compact --count 20000 | $slow_reader"
grep -q "payloads written" "$WORK/generate.tty" || fail "generate: no progress line on a terminal: $(cat -v "$WORK/generate.tty")"
[[ $(wc -l <"$WORK/out.ndjson") == 20000 ]] || fail "generate: $(wc -l <"$WORK/out.ndjson") payloads, not 20000"
grep -q "payloads written" "$WORK/out.ndjson" && fail "the progress line went into the payloads"

on_terminal generate-quiet "'$FLOWHOOK' generate -q --all --compact --count 20000 | $slow_reader"
grep -q "payloads written" "$WORK/generate-quiet.tty" && fail "generate -q still shows progress"

bash -c "'$FLOWHOOK' generate --all --compact --count 20000 2> '$WORK/generate.err' | $slow_reader"
[[ -s "$WORK/generate.err" ]] && fail "generate: stderr in a file is not empty: $(cat -v "$WORK/generate.err")"
finish
