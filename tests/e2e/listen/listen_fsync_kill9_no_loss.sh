#!/usr/bin/env bash
# kill -9 while `flowhook send --concurrency 32` delivers to `listen --record --fsync` (group
# commit): every delivery answered 2xx is whole in the record file, once, and every line but at
# most a torn last one is a complete JSON record.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

orders "$WORK/orders.ndjson" 20000
start_listener victim --record "$WORK/victim.ndjson" --fsync --no-body -q
start_send_load load "$WORK/orders.ndjson"
wait_lines "$WORK/victim.ndjson" 300
kill -9 "$LISTENER_PID"
wait_exit "$LISTENER_PID"
wait "$SEND_PID"
[[ $? == 1 ]] || fail "send did not report the deliveries that failed: $(tail -1 "$WORK/load.report")"

accepted=$(answered_2xx "$WORK/load.report")
recorded=$(recorded_orders "$WORK/victim.ndjson")
(($(wc -l <<<"$accepted") > 100)) || fail "too few deliveries to prove anything: $(tail -1 "$WORK/load.report")"
(($(wc -l <<<"$accepted") < 20000)) || fail "the kill came after the last delivery"
missing=$(comm -23 <(echo "$accepted") <(echo "$recorded"))
[[ -z "$missing" ]] || fail "answered 2xx but not recorded: $(head -5 <<<"$missing" | tr '\n' ' ')"
[[ -z $(uniq -d <<<"$recorded") ]] || fail "a delivery was recorded twice"
head -n -1 "$WORK/victim.ndjson" | jq -e . >/dev/null || fail "a record other than the last is not JSON"
if [[ -n $(tail -c 1 "$WORK/victim.ndjson") ]]; then
  tail -n 1 "$WORK/victim.ndjson" | jq -e . >/dev/null 2>&1 && fail "the last line is JSON but lacks its newline"
fi
echo "answered 2xx: $(wc -l <<<"$accepted"), recorded: $(wc -l <"$WORK/victim.ndjson") lines"
finish
