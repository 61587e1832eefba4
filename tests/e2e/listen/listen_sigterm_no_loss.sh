#!/usr/bin/env bash
# SIGTERM while `flowhook send --concurrency 32` delivers: in-flight deliveries finish, exit 0,
# and the record file holds exactly the deliveries that send saw answered 2xx, each once.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

orders "$WORK/orders.ndjson" 20000
start_listener busy --record "$WORK/busy.ndjson" --format ndjson
start_send_load load "$WORK/orders.ndjson"
wait_lines "$WORK/busy.ndjson" 300
stop_listener "$LISTENER_PID"
[[ $EXIT_STATUS == 0 ]] || fail "exit status after SIGTERM: $EXIT_STATUS"
wait "$SEND_PID"

accepted=$(answered_2xx "$WORK/load.report")
recorded=$(recorded_orders "$WORK/busy.ndjson")
(($(wc -l <<<"$accepted") > 100)) || fail "too few deliveries to prove anything: $(tail -1 "$WORK/load.report")"
(($(wc -l <<<"$accepted") < 20000)) || fail "SIGTERM came after the last delivery"
echo "answered 2xx: $(wc -l <<<"$accepted"), recorded: $(wc -l <"$WORK/busy.ndjson")"
missing=$(comm -23 <(echo "$accepted") <(echo "$recorded"))
[[ -z "$missing" ]] || fail "answered 2xx but not recorded: $(head -5 <<<"$missing" | tr '\n' ' ')"
# A delivery recorded but not answered was cut off in flight.
unanswered=$(comm -13 <(echo "$accepted") <(echo "$recorded"))
[[ -z "$unanswered" ]] || fail "recorded but never answered to send: $(head -5 <<<"$unanswered" | tr '\n' ' ')"
[[ -z $(uniq -d <<<"$recorded") ]] || fail "a delivery was recorded twice"
jq -e . "$WORK/busy.ndjson" >/dev/null || fail "record file is not NDJSON"
summary=$(sed -nE 's/.*answers: 200 x([0-9]+).*/\1/p' "$WORK/busy.err")
[[ "$summary" == $(wc -l <"$WORK/busy.ndjson") ]] || fail "summary says $summary answers of 200, file has $(wc -l <"$WORK/busy.ndjson")"

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
