#!/usr/bin/env bash
# Exit codes: 0 every payload valid, 1 some payload invalid, 2 usage error or unreadable input.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate "$FIXTURES/documented/order_settled.json"
expect_exit 0
run "$FLOWHOOK" validate "$FIXTURES/documented"
expect_exit 0

run "$FLOWHOOK" validate "$FIXTURES/invalid/order_id_string.json"
expect_exit 1
run "$FLOWHOOK" validate "$FIXTURES/documented" "$FIXTURES/invalid/order_id_string.json"
expect_exit 1
run "$FLOWHOOK" validate "$FIXTURES/invalid/syntax_error.json"
expect_exit 1

run "$FLOWHOOK" validate
expect_exit 2
expect_err "flowhook: validate:"
run "$FLOWHOOK" validate --no-such-option "$FIXTURES/documented"
expect_exit 2
run "$FLOWHOOK" validate --format yaml "$FIXTURES/documented"
expect_exit 2
run "$FLOWHOOK" validate --action ORDER_SETLED "$FIXTURES/documented"
expect_exit 2
expect_err 'did you mean "ORDER_SETTLED"?'
# An unreadable path outweighs invalid payloads: the run itself was not complete.
run "$FLOWHOOK" validate "$FIXTURES/invalid/order_id_string.json" "$WORK/missing.json"
expect_exit 2
finish
