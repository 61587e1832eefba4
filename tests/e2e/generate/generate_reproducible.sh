#!/usr/bin/env bash
# --seed: the same seed gives the same bytes on every run; another seed other values; no seed,
# new values each run. Also, --set changes only the field it names.
source "$(dirname "$0")/../lib.sh"

"$FLOWHOOK" generate --all --seed 1234 --count 500 --compact >"$WORK/a"
"$FLOWHOOK" generate --all --seed 1234 --count 500 --compact >"$WORK/b"
"$FLOWHOOK" generate --all --seed 1235 --count 500 --compact >"$WORK/c"
cmp -s "$WORK/a" "$WORK/b" || fail "the same seed gave different bytes"
[[ $(paste -d'\n' <(jq -c '.tenant' "$WORK/a") <(jq -c '.tenant' "$WORK/c") | uniq -d | wc -l) -lt 5 ]] ||
  fail "another seed should give other values"
"$FLOWHOOK" generate --all --random --count 50 --compact >"$WORK/d"
"$FLOWHOOK" generate --all --random --count 50 --compact >"$WORK/e"
cmp -s "$WORK/d" "$WORK/e" && fail "without --seed, each run draws new values"

# Seed 3 pinned: a change to the generator's arithmetic shows up here, whatever the machine.
run "$FLOWHOOK" generate TILL_OPEN --seed 3 --compact
[[ "$OUT" == '{"action":"TILL_OPEN","tenant":{"Id":58,"Uid":"399508"},"store":{"Id":948054,"Uid":"923361"},"till":{"Id":77905,"Uid":"1c3f3ba8-63d5-47d1-9d94-5b106e15f0c6"},"tenantUser":{"Id":7376561,"Uid":"harbour-deli-tenant-user-5189"},"cashReport":{"Id":8232671025287174,"Uid":"9809a96b-8220-4670-a823-a8adda3dd604"},"date":"2021-10-10"}' ]] ||
  fail "seed 3 no longer gives the recorded bytes: $OUT"

# --set changes its field and nothing else.
"$FLOWHOOK" generate ORDER_SETTLED --seed 8 --compact >"$WORK/plain"
"$FLOWHOOK" generate ORDER_SETTLED --seed 8 --compact --set order.Id=42 --set store.Uid=web-1 >"$WORK/set"
[[ $(jq -c '.order.Id, .store.Uid' "$WORK/set" | paste -sd' ') == '42 "web-1"' ]] || fail "--set values: $(cat "$WORK/set")"
[[ $(jq -c 'del(.order.Id, .store.Uid)' "$WORK/plain") == $(jq -c 'del(.order.Id, .store.Uid)' "$WORK/set") ]] ||
  fail "--set changed other fields"
run "$FLOWHOOK" generate TILL_CLOSE --set date=2026-01-31 --set action=TILL_CLOSED --set till.Uid=7
expect_json '[.action, .date, .till.Uid]' '["TILL_CLOSED","2026-01-31","7"]'
run "$FLOWHOOK" generate CUSTOMER_CREATE --allow-unknown --set customer.Email='"a@b.c"' --set loyalty.points=12 --set vip=true
expect_json '[.customer.Email, .loyalty.points, .vip]' '["a@b.c",12,true]'
finish
