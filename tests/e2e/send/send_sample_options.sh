#!/usr/bin/env bash
# --random, --seed, --set and --allow-unknown shape the --action samples exactly as they shape
# flowhook generate's: the same seed sends the bytes generate prints; a seed not given is
# printed and repeats the run; a --set that is malformed, unknown or changes nothing is a usage
# error, and so is a sample option without --action. Nothing is sent for a usage error.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"

start_server --answers 200
# bodies: the bodies the server received (one per line), then the log is emptied.
bodies() {
  jq -r .body "$SERVER_LOG"
  : >"$SERVER_LOG"
}

# Seeded random samples: what generate makes, in the same sequence for several actions.
run "$FLOWHOOK" send "$URL" --action ORDER_SETTLED --action TILL_OPEN --random --seed 5
expect_exit 0
sent5=$(bodies)
[[ "$sent5" == "$("$FLOWHOOK" generate ORDER_SETTLED TILL_OPEN --random --seed 5 --compact)" ]] ||
  fail "--random --seed 5 did not send generate's samples: $sent5"
[[ "$sent5" != "$("$FLOWHOOK" generate ORDER_SETTLED TILL_OPEN --compact)" ]] || fail "--random sent the documented examples"
run "$FLOWHOOK" send "$URL" --action ORDER_SETTLED --action TILL_OPEN --random --seed 6
[[ $(bodies) != "$sent5" ]] || fail "another --seed sent the same samples"
"$FLOWHOOK" validate --strict - <<<"$sent5" >/dev/null || fail "a random sample does not validate: $sent5"

# No --seed: a fresh one, printed, which repeats the run.
run "$FLOWHOOK" send "$URL" --action STOCK_CHANGE --random
expect_exit 0
seed=$(sed -nE 's/^flowhook: send: seed ([0-9]+) .*/\1/p' <<<"$ERR")
[[ -n "$seed" ]] || fail "the seed used was not printed: $ERR"
first=$(bodies)
run "$FLOWHOOK" send "$URL" --action STOCK_CHANGE --random --seed "$seed"
[[ $(bodies) == "$first" ]] || fail "--seed $seed did not repeat the run"
[[ -z "$ERR" ]] || fail "a seed given is printed again: $ERR"
run "$FLOWHOOK" send "$URL" --action STOCK_CHANGE --random
[[ $(bodies) != "$first" ]] || fail "two runs without --seed sent the same random sample"

# --set, alone and with --random; --allow-unknown.
run "$FLOWHOOK" send "$URL" --action ORDER_SETTLED --set order.Id=42 --set store.Uid=s-1
expect_exit 0
[[ $(bodies | jq -c '[.order.Id, .store.Uid, .tenant.Id]') == '[42,"s-1",7]' ]] || fail "--set not applied"
run "$FLOWHOOK" send "$URL" --action TILL_CLOSE --random --seed 9 --set date=2026-01-31
expect_exit 0
[[ $(bodies) == "$("$FLOWHOOK" generate TILL_CLOSE --random --seed 9 --set date=2026-01-31 --compact)" ]] ||
  fail "--random --seed --set differs from generate's"
run "$FLOWHOOK" send "$URL" --action ORDER_SETTLED --set extra=1 --set note=hi --allow-unknown
expect_exit 0
[[ $(bodies | jq -c '[.extra, .note]') == '[1,"hi"]' ]] || fail "--allow-unknown fields not sent"

# Usage errors: exit 2, a message naming the problem, nothing sent.
usage_error() {
  local message=$1
  shift
  run "$FLOWHOOK" send "$URL" "$@"
  expect_exit 2
  expect_err "$message"
}
usage_error 'unknown field "extra"' --action ORDER_SETTLED --set extra.Id=1
usage_error "order.Id takes an integer" --action ORDER_SETTLED --set order.Id=abc
usage_error "carries a date" --action ORDER_SETTLED --set date=2026-01-31
usage_error "--set order.Id" --action ORDER_SETTLED --set order.Id
usage_error "--random shapes the --action samples" "$FIXTURES/documented/order_settled.json" --random
usage_error "--set shapes the --action samples" "$FIXTURES/documented/order_settled.json" --set order.Id=1
usage_error "--allow-unknown shapes" "$FIXTURES/documented/order_settled.json" --allow-unknown
expect_requests 0
finish
