#!/usr/bin/env bash
# Usage errors exit 2 with one clear line on stderr and nothing on stdout.
source "$(dirname "$0")/../lib.sh"

# expect_usage_error EXPECTED_STDERR ARGS...
expect_usage_error() {
  local expected=$1
  shift
  run "$FLOWHOOK" generate "$@"
  expect_exit 2
  expect_err "$expected"
  [[ -z "$OUT" ]] || fail "generate $*: stdout should be empty, got: ${OUT:0:200}"
}

expect_usage_error 'flowhook: generate: unknown action "ORDER_SETLED"; did you mean "ORDER_SETTLED"?' ORDER_SETLED
expect_usage_error 'unknown action "order_settled"; did you mean "ORDER_SETTLED"?' order_settled
expect_usage_error 'unknown action "NOTHING_LIKE_IT" (--list shows every action)' NOTHING_LIKE_IT
expect_usage_error 'unknown action "ORDER_SETLED"' --schema ORDER_SETLED
expect_usage_error 'name an ACTION, or use --all, --scenario, --list or --schema'
expect_usage_error '--set order.Id: expected PATH=VALUE' ORDER_SETTLED --set order.Id
expect_usage_error '--set order.Id=abc: order.Id takes an integer from 0 to 9223372036854775807' ORDER_SETTLED --set order.Id=abc
expect_usage_error '--set order.Id=-5: order.Id takes an integer' ORDER_SETTLED --set order.Id=-5
expect_usage_error '--set order.Id=9223372036854775808: order.Id takes an integer' ORDER_SETTLED --set order.Id=9223372036854775808
expect_usage_error '--set store.Uid=: store.Uid takes a non-empty string' ORDER_SETTLED --set store.Uid=
expect_usage_error '--set date=2026-02-29: date takes a calendar date YYYY-MM-DD' TILL_OPEN --set date=2026-02-29
expect_usage_error '--set sotre.Id=1: unknown field "sotre"' ORDER_SETTLED --set sotre.Id=1
expect_usage_error '--set order.Number=1: unknown field order.Number' ORDER_SETTLED --set order.Number=1
expect_usage_error '--set action=TILL_CLOSD: unknown action "TILL_CLOSD"; did you mean "TILL_CLOSE"?' TILL_CLOSE --set action=TILL_CLOSD
expect_usage_error '--set date=2026-01-31: no payload made here carries a date' ORDER_SETTLED --set date=2026-01-31
expect_usage_error '--set store.Id=3: no payload made here carries a store reference' CUSTOMER_CREATE --set store.Id=3
expect_usage_error 'unknown scenario "payday"; the scenarios are sale, till-day, product-lifecycle' --scenario payday
expect_usage_error '--scenario makes its own events' --scenario sale ORDER_SETTLED
expect_usage_error '--split needs --output FOLDER' --all --split
expect_usage_error '--schema takes at most one ACTION' --schema ORDER_SETTLED TILL_OPEN
expect_usage_error 'do not apply' --schema --random
expect_usage_error '--format applies to --list and --scenario list' --all --format json
expect_usage_error '--count' --all --count 0
expect_usage_error '--seed' --all --seed -1
expect_usage_error '--strict' --all --strict

: >"$WORK/a-file"
expect_usage_error "cannot create folder $WORK/a-file" --all --split --output "$WORK/a-file"
mkdir "$WORK/folder"
expect_usage_error "$WORK/folder is a folder; add --split" --all --output "$WORK/folder"
expect_usage_error "cannot open $WORK/missing/x.json" --all --output "$WORK/missing/x.json"
if [[ -w /dev/full ]]; then
  expect_usage_error "cannot write /dev/full: No space left on device" --all --count 100000 --compact --output /dev/full
  run bash -c '"$1" generate ORDER_SETTLED >/dev/full' _ "$FLOWHOOK"
  expect_exit 2
  expect_err "cannot write stdout: No space left on device"
fi
finish
