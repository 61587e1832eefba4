#!/usr/bin/env bash
# Scenarios: linked events in the platform's order, sharing tenant, store, order, till...
# ids, and --scenario list names them.
source "$(dirname "$0")/../lib.sh"

for seed in 1 2 3 4 5 6; do
  run "$FLOWHOOK" generate --scenario sale --seed "$seed" --compact
  expect_exit 0
  actions=$(jq -r .action <"$WORK/stdout" | uniq | paste -sd' ')
  [[ "$actions" == "ORDER_SETTLED ORDER_RECEIPT_SETTLED STOCK_CHANGE ORDER_DELIVERED" ]] ||
    fail "sale (seed $seed): order of events: $actions"
  jq -se '(map(.tenant) | unique | length) == 1 and (map(.store) | unique | length) == 1
          and (map(.tenantUser) | unique | length) == 1
          and (map(select(.order)) | map(.order) | unique | length) == 1
          and (map(select(.action == "STOCK_CHANGE")) | (map(.product) | unique | length) == length
               and (map(.warehouse) | unique | length) == 1)' "$WORK/stdout" >/dev/null ||
    fail "sale (seed $seed): ids are not consistent: $OUT"
done
# Across seeds, a sale sells one to four products.
counts=$(for seed in $(seq 1 40); do "$FLOWHOOK" generate --scenario sale --seed "$seed" --compact | grep -c STOCK_CHANGE; done | sort -u | paste -sd' ')
[[ "$counts" == "1 2 3 4" ]] || fail "sale: products sold per order: $counts"

run "$FLOWHOOK" generate --scenario till-day --seed 7
expect_exit 0
expect_json '[.[].action]' '["TILL_OPEN","TILL_CLOSE"]'
expect_json '.[0].till == .[1].till and .[0].cashReport == .[1].cashReport and .[0].date == .[1].date' true

run "$FLOWHOOK" generate --scenario product-lifecycle --seed 7 --compact
expect_json '.action' "$(printf '"%s"\n' PRODUCT_CREATE PRODUCT_UPDATE PRODUCT_MEDIA_CHANGE PRICE_CREATE PRICE_UPDATE PRODUCT_DELETE)"
jq -se '(map(select(.product)) | map(.product) | unique | length) == 1
        and (map(select(.price)) | map([.price, .pricelist]) | unique | length) == 1
        and (map(.tenant) | unique | length) == 1' "$WORK/stdout" >/dev/null ||
  fail "product-lifecycle: ids are not consistent: $OUT"

# --count N: N runs, each with ids of its own; --set pins an id in every event.
run "$FLOWHOOK" generate --scenario till-day --count 3 --seed 1
[[ $(wc -l <"$WORK/stdout") == 6 ]] || fail "--count 3 runs of till-day: 6 events"
[[ $(jq -c .till <"$WORK/stdout" | sort -u | wc -l) == 3 ]] || fail "each run has its own till"
run "$FLOWHOOK" generate --scenario sale --seed 1 --compact --set order.Id=42
expect_json 'select(.order) | .order.Id' "$(jq -c 'select(.order) | 42' <"$WORK/stdout")"

run "$FLOWHOOK" generate --scenario list
expect_exit 0
expect_out "sale"
expect_out "till-day"
expect_out "product-lifecycle"
run "$FLOWHOOK" generate --scenario list --format json
expect_json '[.scenarios[].name]' '["sale","till-day","product-lifecycle"]'
expect_json '.scenarios[0].steps[2]' '{"action":"STOCK_CHANGE","min":1,"max":4,"renewed":"product"}'
finish
