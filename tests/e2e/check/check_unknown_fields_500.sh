#!/usr/bin/env bash
# A receiver that answers 500 to a field it does not know fails tolerates-unknown-fields, and
# no other MUST check; the consequence and the Reproduce line say what the platform would do.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

start_receiver unknown_fields_500.py
run "$FLOWHOOK" check "$RECEIVER" --format json
expect_only_failure tolerates-unknown-fields
[[ $(check_field tolerates-unknown-fields status) == 500 ]] || fail "status is not 500"
[[ $(check_field tolerates-unknown-fields consequence) == "answered 500: the platform retries this 10 times over about 5 minutes, then drops it" ]] ||
  fail "consequence: $(check_field tolerates-unknown-fields consequence)"
expect_reproduces tolerates-unknown-fields 500

run "$FLOWHOOK" check "$RECEIVER"
expect_exit 1
expect_out 'FAIL  must    tolerates-unknown-fields'
expect_out "Reproduce: flowhook send $RECEIVER --action ORDER_SETTLED --set order.Id="
expect_out "--allow-unknown --no-retry --timeout 10s"
finish
