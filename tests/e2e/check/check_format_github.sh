#!/usr/bin/env bash
# --format github prints a workflow annotation per failure (::error) and warning (::warning),
# titled with the check, the message, consequence and Reproduce line escaped on one line;
# nothing for a check that passed; then the summary.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

start_receiver unknown_fields_500.py
run "$FLOWHOOK" check "$RECEIVER" --format github --slow 0ms --only tolerates-unknown-fields --only accepts/TILL_OPEN --only duplicate
expect_exit 1
expect_out '::error title=flowhook check tolerates-unknown-fields::fields it does not know (the platform adds fields): 500 Internal Server Error'
expect_out '%0Aanswered 500: the platform retries this 10 times over about 5 minutes, then drops it%0AReproduce: flowhook send '
expect_out '::warning title=flowhook check accepts/TILL_OPEN::answered in '
expect_out 'flowhook: 3 checks: 1 passed, 1 warned, 1 failed (1 MUST), 0 skipped'
[[ $(grep -c '^::' <<<"$OUT") == 2 ]] || fail "expected 2 annotations (none for duplicate, which passed): $OUT"
finish
