#!/usr/bin/env bash
# Every example payload of the platform's documentation validates with no finding.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate --strict --format json "$FIXTURES/documented"
expect_exit 0
expect_json '.totals.payloads' 16
expect_json '.totals.valid' 16
expect_json '[.payloads[].findings | length] | add' 0
finish
