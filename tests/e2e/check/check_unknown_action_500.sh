#!/usr/bin/env bash
# A receiver that answers 500 to an action it does not know fails unknown-action, and no other
# MUST check.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

start_receiver unknown_action_500.py
run "$FLOWHOOK" check "$RECEIVER" --format json
expect_only_failure unknown-action
check_field unknown-action message | grep -qF 'an action it does not know (a future event): 500' ||
  fail "message: $(check_field unknown-action message)"
expect_reproduces unknown-action 500
finish
