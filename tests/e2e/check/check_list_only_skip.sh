#!/usr/bin/env bash
# --list names every check with its level and a description, and sends nothing; --only and
# --skip take names or groups (accepts), in --list and in a run; an unknown name is a usage
# error.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

run "$FLOWHOOK" check --list
expect_exit 0
[[ $(wc -l <<<"$OUT") == 29 ]] || fail "expected 29 checks: $OUT"
expect_out 'accepts/PRODUCT_MEDIA_CHANGED'
expect_out 'accepts/TILL_CLOSED'
for name in tolerates-unknown-fields unknown-action rejects-malformed duplicate out-of-order burst credentials large-body; do
  grep -qE "^$name +must +[^ ]" <<<"$OUT" || fail "--list lacks $name as must: $OUT"
done
grep -qE '^method-and-headers +info ' <<<"$OUT" || fail "--list lacks method-and-headers as info"

run "$FLOWHOOK" check --list --only accepts --skip accepts/TILL_CLOSED
expect_exit 0
[[ $(wc -l <<<"$OUT") == $(($("$FLOWHOOK" --list-actions | wc -l) - 1)) ]] || fail "--only accepts --skip one: $OUT"
expect_no_out 'TILL_CLOSED '

start_receiver receiver.py
run "$FLOWHOOK" check "$RECEIVER" --only duplicate --only burst --format json
expect_exit 0
expect_json '[.checks[].name]' '["duplicate","burst"]'
run "$FLOWHOOK" check "$RECEIVER" --skip accepts --skip burst --skip large-body --format json
expect_exit 0
expect_json '[.checks[].name]' '["tolerates-unknown-fields","unknown-action","rejects-malformed","duplicate","out-of-order","credentials","method-and-headers"]'

expect_usage_error 'flowhook: check: unknown check "dupe" (--list shows every check)' "$FLOWHOOK" check "$RECEIVER" --only dupe
expect_usage_error 'flowhook: check: --only and --skip leave no check to run' "$FLOWHOOK" check "$RECEIVER" --only burst --skip burst
finish
