#!/usr/bin/env bash
# --respond answers the n-th delivery of each body with the n-th step (last one repeating);
# --fail-first N is N x 500 then 200; a timeout step answers after --timeout-answer.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
DELIVER="python3 $HELPERS/deliver.py"

start_listener script --respond 500,drop,200 --record "$WORK/script.ndjson"
got=$(timeout 30 $DELIVER "$PORT" "$ORDER" --times 4 | cut -d' ' -f1 | tr '\n' ' ')
[[ "$got" == "500 dropped 200 200 " ]] || fail "--respond 500,drop,200 gave: $got"
got=$(timeout 30 $DELIVER "$PORT" "$CUSTOMER" --times 1 | cut -d' ' -f1)
[[ "$got" == "500" ]] || fail "a new body starts the script again: $got"
stop_listener "$LISTENER_PID"
OUT=$(cat "$WORK/script.out")
ERR=$(cat "$WORK/script.err")
expect_out "answered 500 (step 1 of 3: 500)"
expect_out "dropped: connection closed without an answer (step 2 of 3: drop)"
expect_out "answered 200 (step 3 of 3: 200)"
expect_out "repeat #3 of"
expect_file_lines "$WORK/script.ndjson" 2
[[ $(jq -c '[.status, .repeat]' "$WORK/script.ndjson" | tr -d '\n') == '[200,3][200,4]' ]] || fail "records: $(cat "$WORK/script.ndjson")"
expect_err "answers: 200 x2, 500 x2, dropped x1"

start_listener fail --fail-first 2
got=$(timeout 30 $DELIVER "$PORT" "$ORDER" --times 3 | cut -d' ' -f1 | tr '\n' ' ')
[[ "$got" == "500 500 200 " ]] || fail "--fail-first 2 gave: $got"
stop_listener "$LISTENER_PID"

start_listener late --respond timeout,200 --timeout-answer 1500ms
got=$(timeout 30 $DELIVER "$PORT" "$ORDER" --times 2 --timeout 0.7 | cut -d' ' -f1 | tr '\n' ' ')
[[ "$got" == "timeout 200 " ]] || fail "--respond timeout,200 gave: $got"
stop_listener "$LISTENER_PID"
grep -qF "answering 200 after 1.5s, too late for the sender (step 1 of 2: timeout)" "$WORK/late.out" || fail "late answer not printed: $(cat "$WORK/late.out")"

run "$FLOWHOOK" listen --port 0 --respond 500,sometimes
expect_exit 2
expect_err '"sometimes" is not a step'
run "$FLOWHOOK" listen --port 0 --respond 500 --fail-first 2
expect_exit 2
finish
