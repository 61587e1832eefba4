#!/usr/bin/env bash
# 1,000 payloads with 16 workers, each reusing one keep-alive connection: each payload arrives
# exactly once.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"

python3 - "$FIXTURES/documented/order_settled.json" >"$WORK/many.ndjson" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
for i in range(1000):
    base["order"] = {"Id": i, "Uid": "order-%d" % i}
    print(json.dumps(base, separators=(",", ":")))
PY

start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/many.ndjson" --concurrency 16 --quiet --format json
expect_exit 0
expect_records '.[] | select(.type == "summary") | [.payloads, .delivered, .attempts]' '[1000,1000,1000]'
expect_requests 1000
distinct=$(jq -r .body "$SERVER_LOG" | sort -u | wc -l | tr -d ' ')
[[ "$distinct" == 1000 ]] || fail "expected 1000 distinct bodies at the server, got $distinct"
cmp -s <(jq -r .body "$SERVER_LOG" | sort) <(sort "$WORK/many.ndjson") || fail "bodies received differ from those sent"
# Keep-alive: each worker reuses its connection instead of opening one per payload.
connections=$(jq -r .remote "$SERVER_LOG" | sort -u | wc -l | tr -d ' ')
((connections <= 16)) || fail "1000 payloads over $connections connections; 16 keep-alive workers need 16"

# --duplicate 3 --shuffle: each payload three times, in an order that the seed fixes.
head -n 20 "$WORK/many.ndjson" >"$WORK/twenty.ndjson"
start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/twenty.ndjson" --duplicate 3 --shuffle --seed 11 --quiet
expect_exit 0
expect_requests 60
[[ $(jq -r .body "$SERVER_LOG" | sort | uniq -c | awk '{print $1}' | sort -u) == 3 ]] ||
  fail "--duplicate 3 did not send each payload exactly three times"
first=$(jq -r .body "$SERVER_LOG" | md5sum)
[[ $(jq -r .body "$SERVER_LOG" | head -n 20) != $(head -n 20 "$WORK/twenty.ndjson") ]] || fail "--shuffle kept the order"
start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/twenty.ndjson" --duplicate 3 --shuffle --seed 11 --quiet
[[ $(jq -r .body "$SERVER_LOG" | md5sum) == "$first" ]] || fail "the same --seed gave another order"
finish
