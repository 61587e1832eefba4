#!/usr/bin/env bash
# Waits between attempts double from --backoff up to --max-backoff, measured at the server.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

start_server --answers 500
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --retries 4 --backoff 100ms --max-backoff 400ms --no-jitter --format json
expect_exit 1
expect_requests 5
expect_records '[.[] | select(.type == "attempt") | .retry_in_ms]' '[100,200,400,400,null]'
# Gaps between arrivals: the wait plus one fast answer; allow for scheduling noise (a loaded
# machine, a sanitizer build) up to 40% of the wait, never as much as the next step.
gaps=$(jq -s -c '[range(1; length) as $i | ((.[$i].t - .[$i - 1].t) * 1000 | round)]' "$SERVER_LOG")
echo "waits 100, 200, 400, 400 ms; gaps measured at the server: $gaps"
python3 - "$gaps" <<'PY' || fail "gaps $gaps are not 100, 200, 400, 400 ms"
import json, sys
gaps = json.loads(sys.argv[1])
expected = [100, 200, 400, 400]
sys.exit(0 if len(gaps) == 4 and all(e - 5 <= g <= e + max(60, e * 0.4) for g, e in zip(gaps, expected)) else 1)
PY

# Equal jitter: each wait is between half the schedule and the whole of it, and varies.
start_server --answers 500
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --retries 6 --backoff 40ms --max-backoff 160ms --seed 3 --format json
expect_exit 1
waits=$(jq -s -c '[.[] | select(.type == "attempt") | .retry_in_ms | select(. != null)]' "$WORK/stdout")
python3 - "$waits" <<'PY' || fail "jittered waits $waits outside [half, full] of 40,80,160,160,160,160"
import json, sys
waits = json.loads(sys.argv[1])
full = [40, 80, 160, 160, 160, 160]
ok = len(waits) == 6 and all(f / 2 <= w <= f for w, f in zip(waits, full)) and len(set(waits[2:])) > 1
sys.exit(0 if ok else 1)
PY
finish
