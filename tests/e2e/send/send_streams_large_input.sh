#!/usr/bin/env bash
# send reads payload files as it delivers them: a large NDJSON file costs memory of a few lines,
# not of the file, and the order is kept. A bad path is found before anything is sent, and a
# listener recording into the file being replayed does not feed the replay forever.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
source "$(dirname "$0")/../helpers/listen.sh"

good=$(jq -c . "$FIXTURES/documented/order_settled.json")
# 3 deliverable payloads, then 12,000 lines of 10 KB (120 MB) that do not validate (an unknown
# action: reported, not sent), then 3 more deliverable payloads.
python3 - "$WORK/large.ndjson" "$good" <<'PY'
import json, sys
path, good = sys.argv[1], json.loads(sys.argv[2])
with open(path, "w") as f:
    for i in (1, 2, 3):
        good["order"]["Id"] = i
        f.write(json.dumps(good) + "\n")
    filler = json.dumps({"action": "NOT_AN_ACTION", "note": "x" * 10240}) + "\n"
    for _ in range(12000):
        f.write(filler)
    for i in (4, 5, 6):
        good["order"]["Id"] = i
        f.write(json.dumps(good) + "\n")
PY
size_kb=$(($(stat -c %s "$WORK/large.ndjson") / 1024))

start_server --answers 200
if [[ -x /usr/bin/time ]]; then
  run /usr/bin/time -f "maxrss_kb=%M" "$FLOWHOOK" send "$URL" "$WORK/large.ndjson" -q --concurrency 4
  rss_kb=$(grep -o 'maxrss_kb=[0-9]*' <<<"$ERR" | cut -d= -f2)
  [[ -n "$rss_kb" ]] || fail "no RSS measured: $ERR"
  echo "send: ${size_kb} KB of NDJSON, ${rss_kb:-?} KB peak RSS"
  # A third of the file (ASan adds a flat ~80 MB): loading it whole, as send once did, costs
  # all of it and more.
  ((${rss_kb:-0} < size_kb / 3 * MEMORY_FACTOR)) ||
    fail "peak RSS ${rss_kb} KB grows with the file (${size_kb} KB)"
else
  echo "skipping the memory check: /usr/bin/time is missing (bash .ci/install-deps --tests)"
  run "$FLOWHOOK" send "$URL" "$WORK/large.ndjson" -q --concurrency 4
fi
expect_exit 1
expect_out "12006 payloads: 6 delivered, 0 failed, 0 gave up, 12000 invalid"
expect_out "large.ndjson:12003  not sent: invalid payload"
expect_out "unknown action \"NOT_AN_ACTION\""
expect_requests 6
[[ $(jq -s -c '[.[].body | fromjson | .order.Id] | sort' "$SERVER_LOG") == "[1,2,3,4,5,6]" ]] ||
  fail "not every deliverable payload arrived once: $(jq -s -c '[.[].body | fromjson | .order.Id]' "$SERVER_LOG")"

# With one worker the file's order is the delivery order.
start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/large.ndjson" -q
expect_exit 1
[[ $(jq -s -c '[.[].body | fromjson | .order.Id]' "$SERVER_LOG") == "[1,2,3,4,5,6]" ]] ||
  fail "payloads were not sent in file order"

# Every path is checked before the first delivery: a typo in the last one sends nothing.
start_server --answers 200
run "$FLOWHOOK" send "$URL" "$WORK/large.ndjson" "$WORK/typo.ndjson"
expect_exit 2
expect_err "flowhook: send: cannot read $WORK/typo.ndjson: No such file or directory"
run "$FLOWHOOK" send "$URL" "$FIXTURES/documented/order_settled.json" "$WORK"
expect_exit 2
expect_err "flowhook: send: cannot read $WORK: Is a directory"
expect_requests 0

# A file with no payload at all is still a usage error, and says so.
printf '\n\n' >"$WORK/blank.ndjson"
run "$FLOWHOOK" send "$URL" --replay "$WORK/blank.ndjson"
expect_exit 2
expect_err "flowhook: send: no payload found to send"

# Replaying the file a listener records into: only the records there at the start are sent.
start_listener recorder --record "$WORK/rec.ndjson"
listener="http://127.0.0.1:$PORT/"
run "$FLOWHOOK" send "$listener" --action ORDER_SETTLED --action TILL_OPEN -q
expect_exit 0
run timeout 20 "$FLOWHOOK" send "$listener" --replay "$WORK/rec.ndjson" -q
expect_exit 0
expect_out "2 payloads: 2 delivered"
[[ $(wc -l <"$WORK/rec.ndjson") == 4 ]] || fail "expected 4 records, got $(wc -l <"$WORK/rec.ndjson")"
finish
