#!/usr/bin/env bash
# A receiver that never looks at the credentials fails the credentials check as a security
# failure, and no other MUST check; the Reproduce line sends without credentials, and shows
# no secret.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

start_receiver no_credentials.py
run "$FLOWHOOK" check "$RECEIVER" --bearer s3cret --format json
expect_only_failure credentials
check_field credentials consequence | grep -qF 'security failure: it accepted a delivery without credentials' ||
  fail "consequence: $(check_field credentials consequence)"
[[ $(check_field credentials reproduce) == "FLOWHOOK_BASIC= FLOWHOOK_BEARER= flowhook send $RECEIVER"* ]] ||
  fail "reproduce: $(check_field credentials reproduce)"
expect_no_out s3cret
FLOWHOOK_BEARER=s3cret expect_reproduces credentials 200

# Without --bearer or --basic there is nothing to check: skipped, not failed.
run "$FLOWHOOK" check "$RECEIVER" --only credentials
expect_exit 0
expect_out 'SKIP  must    credentials  no --basic or --bearer given'
finish
