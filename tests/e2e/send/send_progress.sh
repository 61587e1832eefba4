#!/usr/bin/env bash
# A long send shows a progress counter on stderr when stderr is a terminal (and the attempt lines
# do not go to the same terminal), never in a pipe or a log.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
command -v script >/dev/null || { echo "$TEST_NAME: skipped (no script(1))"; exit 77; }

start_listener receiver --no-body  # fast enough for thousands of deliveries a second
URL="http://127.0.0.1:$PORT/hooks"
jq -c . "$FIXTURES/documented/order_settled.json" >"$WORK/one.ndjson"
for _ in $(seq 12); do cat "$WORK/one.ndjson" "$WORK/one.ndjson" >"$WORK/two.ndjson"; mv "$WORK/two.ndjson" "$WORK/one.ndjson"; done
[[ $(wc -l <"$WORK/one.ndjson") == 4096 ]] || fail "expected 4096 payloads"
# --rate makes the run last about 2 s: the counter appears after 1 s.
SEND="$FLOWHOOK send $URL $WORK/one.ndjson --rate 2000 --concurrency 4"

# On a terminal, with the report quiet (-q) or sent elsewhere.
timeout 60 script -qfec "$SEND -q" /dev/null >"$WORK/tty_quiet" </dev/null
grep -aq $'\r\e\[K[0-9]* payloads sent (' "$WORK/tty_quiet" || fail "no progress on a terminal with -q: $(head -c 300 "$WORK/tty_quiet" | od -c | head -5)"
timeout 60 script -qfec "$SEND >$WORK/report" /dev/null >"$WORK/tty_redirected" </dev/null
grep -aq "payloads sent (" "$WORK/tty_redirected" || fail "no progress on a terminal with the report in a file"
grep -q "4096 delivered" "$WORK/report" || fail "report: $(tail -3 "$WORK/report")"
# Not over attempt lines on the same terminal; not in a pipe.
timeout 60 script -qfec "$SEND" /dev/null >"$WORK/tty_all" </dev/null
! grep -aq "payloads sent (" "$WORK/tty_all" || fail "progress drawn over the attempt lines"
run $SEND -q
expect_exit 0
[[ "$ERR" != *"payloads sent"* ]] || fail "progress in a pipe: $ERR"
finish
