#!/usr/bin/env bash
# --dry-run prints the exact request, credentials masked, and sends nothing.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"
PAYLOAD="$FIXTURES/documented/order_settled.json"

start_server --answers 200
run "$FLOWHOOK" send "$URL?x=1" "$PAYLOAD" --dry-run --bearer secret-token -H 'X-Flow: 1'
expect_exit 0
expect_out "POST /hooks?x=1 HTTP/1.1"
expect_out "Host: 127.0.0.1:$PORT"
expect_out "Content-Type: application/json"
expect_out "Content-Length: $(wc -c <"$PAYLOAD" | tr -d ' ')"
expect_out "Authorization: Bearer ***"
expect_out "X-Flow: 1"
expect_out '"action": "ORDER_SETTLED"'
expect_no_out "secret-token"

run "$FLOWHOOK" send "$URL" "$PAYLOAD" --dry-run --basic shop:pw --format json
expect_exit 0
expect_records '.[0].headers | map(select(.[0] == "Authorization")) | .[0][1]' '"Basic ***"'
expect_no_out "shop:pw"
expect_no_out "$(printf shop:pw | base64)"

# --shuffle without --seed says which seed it used, and that seed repeats the order.
for i in 1 2 3 4 5 6; do jq -c ".order.Id = $i" "$PAYLOAD"; done >"$WORK/six.ndjson"
run "$FLOWHOOK" send "$URL" "$WORK/six.ndjson" --dry-run --shuffle
expect_exit 0
seed=$(grep -o 'seed [0-9]*' <<<"$ERR" | head -n1 | awk '{print $2}')
[[ -n "$seed" ]] || fail "--shuffle did not print its seed: $ERR"
order=$(grep -o '"Id":[0-9]*,"Uid":"700"' <<<"$OUT")
[[ $(wc -l <<<"$order") == 6 ]] || fail "expected six payloads in the dry run: $order"
run "$FLOWHOOK" send "$URL" "$WORK/six.ndjson" --dry-run --shuffle --seed "$seed"
[[ $(grep -o '"Id":[0-9]*,"Uid":"700"' <<<"$OUT") == "$order" ]] || fail "--seed $seed gave another order"

# What the dry run shows is what the receiver gets.
run "$FLOWHOOK" send "$URL" "$PAYLOAD" --dry-run -H 'X-Flow: 1'
shown=$(sed -n '3,/^$/p' "$WORK/stdout" | grep -v '^$' | sed 's/: .*//')
expect_requests 0
run "$FLOWHOOK" send "$URL" "$PAYLOAD" -H 'X-Flow: 1'
received=$(jq -r '.headers[][0]' "$SERVER_LOG")
[[ "$shown" == "$received" ]] || fail "dry run headers differ from those received: $shown vs $received"
finish
