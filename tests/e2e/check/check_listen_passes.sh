#!/usr/bin/env bash
# flowhook listen with credentials and --reject-invalid is a correct receiver: every MUST check
# passes (exit 0), credentials included, and the text report says PASS for each.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener receiver --path /hooks --reject-invalid --bearer s3cret -q
url="http://127.0.0.1:$PORT/hooks"

run "$FLOWHOOK" check "$url" --bearer s3cret --format json
expect_exit 0
expect_json '[.checks[] | select(.level == "must" and .outcome != "pass") | .name]' '[]'
expect_json '.summary.must_failed' '0'
expect_json '[.checks[] | select(.name == "credentials") | .outcome]' '["pass"]'
expect_json '[.checks[] | select(.name | startswith("accepts/"))] | length' "$("$FLOWHOOK" --list-actions | wc -l)"

run "$FLOWHOOK" check "$url" --bearer s3cret
expect_exit 0
expect_out 'PASS  must    accepts/TILL_CLOSED'
expect_out 'PASS  must    rejects-malformed'
expect_out '29 checks: 29 passed, 0 warned, 0 failed (0 MUST), 0 skipped'
expect_no_out 's3cret'
expect_no_out 'FAIL'

# Without the token, every delivery gets 401: the check says so, and exits 1.
run "$FLOWHOOK" check "$url" --only accepts/ORDER_SETTLED
expect_exit 1
expect_out 'FAIL  must    accepts/ORDER_SETTLED  401'
expect_out 'the platform never retries a 4xx, so this event is lost for good'
finish
