#!/usr/bin/env bash
# listen --ui: /_flowhook/events streams one event per delivery; a client that reconnects with
# Last-Event-ID gets exactly what it missed, nothing twice; an id from elsewhere (another run of
# the listener, or garbage) gets a reset, and so does one no longer kept;
# the 17th stream at once gets 503.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"
source "$(dirname "$0")/../helpers/ui.sh"

# wait_covered FILE N: waits (at most 20 s) until the stream $SSE writes to FILE has covered N
# deliveries. Not its lines: the last of a send may be kept after send returns (the listener
# answers first), so it comes live, and several of those come as one coalesced event.
wait_covered() {
  local i
  for ((i = 0; i < 400; i++)); do
    (($(jq -n '[inputs | .deliveries? // [] | length] | add // 0' "$1" 2>/dev/null || echo 0) >= $2)) && return 0
    sleep 0.05
  done
  fail "$1 did not cover $2 deliveries: $(cat "$1")"
}

start_ui events --ui-keep 400
orders "$WORK/orders.ndjson" 30

# A stream from the start: the 5 first deliveries, in order, each once.
: >"$WORK/first"
$SSE "$PORT" --events 5 --seconds 30 >"$WORK/first" &
reader=$!
CHILD_PIDS+=("$reader")
wait_lines "$WORK/first" 2  # the status, then the id to resume from: the stream is open
head -5 "$WORK/orders.ndjson" >"$WORK/five.ndjson"
run "$FLOWHOOK" send --no-retry "http://127.0.0.1:$PORT/hooks" "$WORK/five.ndjson"
expect_exit 0
wait "$reader"
[[ $(head -1 "$WORK/first") == 200 ]] || fail "stream status: $(head -1 "$WORK/first")"
jq -c '.deliveries[]?' <(tail -n +2 "$WORK/first") | paste -sd, >"$WORK/got"
# Ids are RUN-SEQ: this run's name, then the event's number.
sed -n 2p "$WORK/first" | jq -e '(.id | test("^[0-9a-f]{8}-0$")) and .event == null and .delivery == null' >/dev/null ||
  fail "the stream's first id: $(cat "$WORK/first")"
run_id=$(sed -n 2p "$WORK/first" | jq -r '.id | split("-")[0]')
[[ $(cat "$WORK/got") == "1,2,3,4,5" ]] || fail "first stream: $(cat "$WORK/first")"
last=$(jq -r 'select(.deliveries != [] and .deliveries != null) | .id' <(tail -n +2 "$WORK/first") | tail -1)

# Away while 10 more arrive, then back with Last-Event-ID: exactly those 10, then live ones.
sed -n 6,15p "$WORK/orders.ndjson" >"$WORK/ten.ndjson"
run "$FLOWHOOK" send --no-retry "http://127.0.0.1:$PORT/hooks" "$WORK/ten.ndjson"
expect_exit 0
$SSE "$PORT" --last-event-id "$last" --events 12 --seconds 30 >"$WORK/second" &
reader=$!
CHILD_PIDS+=("$reader")
wait_covered "$WORK/second" 10  # the 10 missed: the stream is open
sed -n 16,17p "$WORK/orders.ndjson" >"$WORK/two.ndjson"
run "$FLOWHOOK" send --no-retry "http://127.0.0.1:$PORT/hooks" "$WORK/two.ndjson"
wait "$reader"
jq -c '.deliveries[]?' <(tail -n +2 "$WORK/second") | paste -sd, >"$WORK/got"
[[ $(cat "$WORK/got") == "6,7,8,9,10,11,12,13,14,15,16,17" ]] || fail "resumed stream: $(cat "$WORK/second")"
# Event ids only increase: nothing twice.
cat "$WORK/first" "$WORK/second" | grep '^{' | jq -r 'select(.deliveries != [] and .deliveries != null) | .id | split("-")[1]' | awk 'NR > 1 && $1 <= prev {bad = 1} {prev = $1} END {exit bad}' ||
  fail "event ids do not increase"

# Under load the stream coalesces: a burst of 300 comes as a few full events and a few
# "coalesced" ones naming the rest, which the API then has; together each delivery once.
: >"$WORK/burst"
$SSE "$PORT" --events 300 --seconds 60 >"$WORK/burst" &
reader=$!
CHILD_PIDS+=("$reader")
wait_lines "$WORK/burst" 2
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$WORK/orders.ndjson"; done >"$WORK/burst.ndjson"
run "$FLOWHOOK" send --no-retry --concurrency 8 "http://127.0.0.1:$PORT/hooks" "$WORK/burst.ndjson"
wait "$reader"
jq -c '.deliveries[]?' <(tail -n +2 "$WORK/burst") | sort -n | paste -sd, >"$WORK/got"
[[ $(cat "$WORK/got") == "$(seq 18 317 | paste -sd,)" ]] || fail "the burst's deliveries: $(cat "$WORK/got" | head -c 300)"
events=$(($(wc -l <"$WORK/burst") - 2))
((events < 300)) || fail "300 deliveries in a burst came as $events events, not coalesced"
grep -q '"event": "coalesced"' "$WORK/burst" || fail "no coalesced event in a burst"
echo "a burst of 300 in $events events"
ui_get "/_flowhook/api/deliveries?after=17&limit=300"
expect_answer 'length == 300'

# A stream without Last-Event-ID starts from now, with an id to resume from.
$SSE "$PORT" --events 1 --seconds 3 >"$WORK/fresh"
grep -q "\"id\": \"$run_id-317\", \"event\": null" "$WORK/fresh" || fail "fresh stream's first id: $(cat "$WORK/fresh")"

# An id this run never gave (another run's, one past its newest, or garbage): a reset, so the
# page reloads.
for id in zzzzzzzz-5 "$run_id-999999" 5 abc "$run_id-18446744073709551616"; do
  $SSE "$PORT" --last-event-id "$id" --events 1 --seconds 3 >"$WORK/reset"
  grep -q '"event": "reset"' "$WORK/reset" || fail "Last-Event-ID $id: $(cat "$WORK/reset")"
done
# One older than what is kept (--ui-keep 400): a reset too.
tail -n +18 "$WORK/orders.ndjson" >"$WORK/rest.ndjson"
for i in 1 2 3 4 5 6 7; do
  run "$FLOWHOOK" send --no-retry --concurrency 8 "http://127.0.0.1:$PORT/hooks" "$WORK/rest.ndjson"
done
ui_await '/_flowhook/api/deliveries?after=0&limit=1' '.[0].id > 1'
$SSE "$PORT" --last-event-id "$run_id-1" --events 1 --seconds 3 >"$WORK/old"
grep -q '"event": "reset"' "$WORK/old" || fail "Last-Event-ID 1 after it was forgotten: $(cat "$WORK/old")"

# 16 streams at once, and the 17th gets 503 with a reason; deliveries are still answered.
holders=()
for i in $(seq 16); do
  $SSE "$PORT" --seconds 30 >"$WORK/hold.$i" &
  holders+=($!)
  CHILD_PIDS+=($!)
done
for i in $(seq 100); do
  (($(cat "$WORK"/hold.* 2>/dev/null | grep -c '^200$') == 16)) && break
  sleep 0.05
done
(($(cat "$WORK"/hold.* | grep -c '^200$') == 16)) || fail "16 streams did not open"
ui_get /_flowhook/events
[[ $CODE == 503 ]] || fail "the 17th stream: $CODE"
expect_answer '.error | test("16")'
expect_ui_headers "the 17th stream"
post /hooks "$ORDER"
expect_code 200
kill "${holders[@]}" 2>/dev/null
wait "${holders[@]}" 2>/dev/null
# Their places are free again once they are gone.
for i in $(seq 100); do
  $SSE "$PORT" --seconds 0.5 >"$WORK/again"
  [[ $(head -1 "$WORK/again") == 200 ]] && break
  sleep 0.1
done
[[ $(head -1 "$WORK/again") == 200 ]] || fail "no stream after the 16 closed: $(cat "$WORK/again")"
finish
