#!/usr/bin/env bash
# Every payload generate makes, in every mode and for several seeds, passes
# `flowhook validate --strict` with no finding at all (no error, no warning).
source "$(dirname "$0")/../lib.sh"

# check NAME FILE: FILE validates strictly with no finding, and holds at least one payload.
check() {
  run "$FLOWHOOK" validate --strict --format json "$2"
  expect_exit 0
  local errors warnings payloads
  read -r errors warnings payloads < <(jq -r '.totals | "\(.errors) \(.warnings) \(.payloads)"' <<<"$OUT")
  [[ "$errors" == 0 && "$warnings" == 0 && "$payloads" -ge 1 ]] ||
    fail "$1: $payloads payloads, $errors errors, $warnings warnings: $(jq -c '[.payloads[].findings[]][:3]' <<<"$OUT")"
}

mapfile -t spellings < <("$FLOWHOOK" generate --list --format json | jq -r '.actions[] | .action, .aliases[].action')
((${#spellings[@]} == 20)) || fail "expected 20 spellings, got ${#spellings[@]}"

for spelling in "${spellings[@]}"; do
  "$FLOWHOOK" generate "$spelling" >"$WORK/one.json"
  check "default $spelling" "$WORK/one.json"
  "$FLOWHOOK" generate "$spelling" --random >"$WORK/one.json"
  check "random $spelling" "$WORK/one.json"
done

"$FLOWHOOK" generate --all >"$WORK/all.json"
check "--all (a pretty array)" "$WORK/all.json"
"$FLOWHOOK" generate "${spellings[@]}" --compact >"$WORK/all.ndjson"
check "every spelling --compact" "$WORK/all.ndjson"

for seed in 0 1 2 3 42 18446744073709551615; do
  "$FLOWHOOK" generate "${spellings[@]}" --seed "$seed" --count 200 --compact >"$WORK/seed.ndjson"
  check "seed $seed" "$WORK/seed.ndjson"
  "$FLOWHOOK" generate --all --seed "$seed" >"$WORK/seed.json"
  check "seed $seed pretty" "$WORK/seed.json"
  for scenario in sale till-day product-lifecycle; do
    "$FLOWHOOK" generate --scenario "$scenario" --seed "$seed" --count 5 >"$WORK/scenario.ndjson"
    check "scenario $scenario seed $seed" "$WORK/scenario.ndjson"
    "$FLOWHOOK" generate --scenario "$scenario" --seed "$seed" >"$WORK/scenario.json"
    check "scenario $scenario seed $seed pretty" "$WORK/scenario.json"
  done
done

"$FLOWHOOK" generate --all --random --set tenant.Id=0 --set tenant.Uid=x --set store.Id=9223372036854775807 \
  --set date=2024-02-29 --set action=TILL_CLOSED --set order.Uid='ø "quoted" \ back' >"$WORK/set.json"
check "--set on every kind of field" "$WORK/set.json"

"$FLOWHOOK" generate --all --seed 5 --split --output "$WORK/split"
for file in "$WORK"/split/*.json; do check "split $(basename "$file")" "$file"; done
finish
