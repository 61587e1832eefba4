#!/usr/bin/env bash
# --rate spaces attempts; the summary has latency percentiles, and every answer slower than
# half the timeout gets a warning (on a bad day the platform would time out).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"

for i in $(seq 1 10); do jq -c ".order.Id = $i" "$FIXTURES/documented/order_settled.json"; done >"$WORK/ten.ndjson"

start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/ten.ndjson" --rate 20 --concurrency 4 --format json
expect_exit 0
expect_requests 10
span_ms=$(jq -s '(.[-1].t - .[0].t) * 1000 | round' "$SERVER_LOG")
((span_ms >= 430)) || fail "--rate 20: 10 requests within ${span_ms} ms (expected at least 450)"
expect_records '.[] | select(.type == "summary") | .latency_ms | [.min <= .p50, .p50 <= .p90, .p90 <= .p99, .p99 <= .max]' '[true,true,true,true]'
expect_records '.[] | select(.type == "summary") | .slow' '[]'

run "$FLOWHOOK" send "$URL" "$WORK/ten.ndjson" --concurrency 2
expect_exit 0
expect_out "10 payloads: 10 delivered, 0 failed, 0 gave up, 0 invalid"
expect_out "10 attempts in"
expect_out "latency: min "
expect_out " p50 "
expect_out " p99 "

start_server --answers sleep:1.3,sleep:0.1
head -n 2 "$WORK/ten.ndjson" >"$WORK/two.ndjson"
run "$FLOWHOOK" send "$URL" "$WORK/two.ndjson" --timeout 2s --format json
expect_exit 0
expect_err "two.ndjson:1 attempt 1 answered in"
expect_err "over half the 2s timeout"
[[ $(grep -c "over half" <<<"$ERR") == 1 ]] || fail "expected one slow-answer warning: $ERR"
expect_records '.[] | select(.type == "summary") | .slow | map(.payload)' '["'"$WORK"'/two.ndjson:1"]'
finish
