#!/usr/bin/env bash
# A receiver that answers 500 to a body that is not JSON fails rejects-malformed, and no other
# MUST check; its Reproduce line re-sends exactly that body.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

start_receiver malformed_500.py
run "$FLOWHOOK" check "$RECEIVER" --format json
expect_only_failure rejects-malformed
[[ $(check_field rejects-malformed status) == 500 ]] || fail "status is not 500"
check_field rejects-malformed consequence | grep -qF 'the platform retries this 10 times' ||
  fail "consequence: $(check_field rejects-malformed consequence)"
check_field rejects-malformed message | grep -qF 'not JSON: 500' || fail "message: $(check_field rejects-malformed message)"
expect_reproduces rejects-malformed 500
finish
