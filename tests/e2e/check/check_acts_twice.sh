#!/usr/bin/env bash
# A receiver that acts on a duplicate again fails duplicate when --probe-url shows it, and no
# other MUST check; without a probe the duplicate still gets 2xx, so the check passes.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

start_receiver acts_twice.py
probe=${RECEIVER%/hooks}/count
run "$FLOWHOOK" check "$RECEIVER" --probe-url "$probe" --format json
expect_only_failure duplicate
check_field duplicate message | grep -qF 'the probe changed on the duplicate' || fail "message: $(check_field duplicate message)"
check_field duplicate consequence | grep -qF 'a sale booked twice' || fail "consequence: $(check_field duplicate consequence)"
[[ $(check_field duplicate reproduce) == *"--duplicate 2"* ]] || fail "reproduce: $(check_field duplicate reproduce)"

# --probe COMMAND reads the same through a command's output.
run "$FLOWHOOK" check "$RECEIVER" --only duplicate --probe "curl -s $probe"
expect_exit 1
expect_out 'FAIL  must    duplicate'

run "$FLOWHOOK" check "$RECEIVER" --only duplicate
expect_exit 0
expect_out 'PASS  must    duplicate  2xx both times'

# The correct receiver acts once: the probe changes on the first delivery only.
start_receiver receiver.py
run "$FLOWHOOK" check "$RECEIVER" --only duplicate --probe-url "${RECEIVER%/hooks}/count"
expect_exit 0
expect_out 'the probe changed on the first, not on the duplicate'
finish
