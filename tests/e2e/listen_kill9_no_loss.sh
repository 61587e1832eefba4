#!/usr/bin/env bash
# kill -9 during a stream of concurrent deliveries: every delivery answered 2xx is in the record
# file, which is valid NDJSON (at most a torn last line).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/helpers/listen.sh"

start_listener victim --record "$WORK/victim.ndjson" --no-body
timeout 60 python3 "$HELPERS/load.py" "$PORT" 16 20 >"$WORK/answers" &
LOAD_PID=$!
CHILD_PIDS+=("$LOAD_PID")
wait_lines "$WORK/answers" 100
kill -9 "$LISTENER_PID"
wait_exit "$LISTENER_PID"
wait "$LOAD_PID"

accepted=$(awk '$1 == 200 {print $2}' "$WORK/answers" | sort)
[[ $(wc -l <<<"$accepted") -gt 20 ]] || fail "too few deliveries to prove anything: $(sort "$WORK/answers" | cut -d" " -f1 | uniq -c | tr "\n" " ")"
# Every line but a torn last one parses.
head -n -1 "$WORK/victim.ndjson" | jq -e . >/dev/null || fail "a record other than the last is not JSON"
recorded=$(jq -R -r 'fromjson? | .body.order.Id' "$WORK/victim.ndjson" | sort)
missing=$(comm -23 <(echo "$accepted") <(echo "$recorded"))
[[ -z "$missing" ]] || fail "answered 200 but not recorded: $(head -5 <<<"$missing")"
[[ -z $(uniq -d <<<"$recorded") ]] || fail "a delivery was recorded twice"
finish
