#!/usr/bin/env bash
# SIGTERM during a stream of concurrent deliveries: in-flight deliveries finish, exit 0, and
# every delivery answered 2xx is in the record file, exactly once.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/helpers/listen.sh"

start_listener busy --record "$WORK/busy.ndjson" --format ndjson
timeout 60 python3 "$HELPERS/load.py" "$PORT" 16 20 >"$WORK/answers" &
LOAD_PID=$!
CHILD_PIDS+=("$LOAD_PID")
wait_lines "$WORK/answers" 100
stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit status after SIGTERM: $EXIT_STATUS"
wait "$LOAD_PID"

accepted=$(awk '$1 == 200 {print $2}' "$WORK/answers" | sort)
[[ $(wc -l <<<"$accepted") -gt 20 ]] || fail "too few deliveries to prove anything: $(wc -l <<<"$accepted")"
recorded=$(jq -r '.body.order.Id' "$WORK/busy.ndjson" | sort)
missing=$(comm -23 <(echo "$accepted") <(echo "$recorded"))
[[ -z "$missing" ]] || fail "answered 200 but not recorded: $(head -5 <<<"$missing")"
[[ -z $(uniq -d <<<"$recorded") ]] || fail "a delivery was recorded twice"
summary=$(sed -nE 's/.*answers: 200 x([0-9]+).*/\1/p' "$WORK/busy.err")
[[ "$summary" == $(wc -l <"$WORK/busy.ndjson") ]] || fail "summary says $summary answers of 200, file has $(wc -l <"$WORK/busy.ndjson")"
jq -e . "$WORK/busy.ndjson" >/dev/null || fail "record file is not NDJSON"

# A delivery being answered (here: late) when SIGTERM comes is still answered and recorded.
start_listener late --delay 1s --record "$WORK/late.ndjson"
post /hooks "$ORDER" &
POST_PID=$!
sleep 0.4
stop_listener "$LISTENER_PID"
wait "$POST_PID"
[[ $(cat "$WORK/answer") == '{"status":200,"accepted":true}' ]] || fail "in-flight delivery: $(cat "$WORK/answer")"
[[ $EXIT_STATUS == 0 ]] || fail "exit after SIGTERM with a delivery in flight: $EXIT_STATUS"
expect_file_lines "$WORK/late.ndjson" 1
finish
