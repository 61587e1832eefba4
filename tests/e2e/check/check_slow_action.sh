#!/usr/bin/env bash
# A receiver slower than the timeout on one action fails accepts/ of that action with the
# timeout's consequence, and no other MUST check; an answer slower than --slow only warns.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

SLOW_SECONDS=1.5 start_receiver slow_action.py
run "$FLOWHOOK" check "$RECEIVER" --timeout 1s --format json
expect_only_failure accepts/TILL_OPEN
check_field accepts/TILL_OPEN consequence | grep -qF 'no answer within 1s: the platform stops waiting at 10s and retries this 10 times' ||
  fail "consequence: $(check_field accepts/TILL_OPEN consequence)"
[[ $(check_field accepts/TILL_OPEN reproduce) == "flowhook send $RECEIVER --action TILL_OPEN --set till.Id="*" --no-retry --timeout 1s" ]] ||
  fail "reproduce: $(check_field accepts/TILL_OPEN reproduce)"

# Under the timeout but over --slow: a warning that says how close to 10 s it came.
run "$FLOWHOOK" check "$RECEIVER" --only accepts/TILL_OPEN --timeout 5s --slow 1s
expect_exit 0
expect_out 'WARN  must    accepts/TILL_OPEN'
expect_out "slower than --slow 1s: 1"
expect_out "% of the platform's 10s limit"
finish
