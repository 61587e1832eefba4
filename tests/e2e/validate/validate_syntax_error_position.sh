#!/usr/bin/env bash
# Text that is not JSON is an invalid payload, reported with its line and column.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate "$FIXTURES/invalid/syntax_error.json"
expect_exit 1
expect_out "$FIXTURES/invalid/syntax_error.json:5:5: error: not JSON: missing a comma or '}' after an object member [invalid-json]"

run "$FLOWHOOK" validate --format json "$FIXTURES/array/three_events.json" "$FIXTURES/invalid/syntax_error.json"
expect_json '[.payloads[-1].findings[0] | .code, .line, .column]' '["invalid-json",5,5]'
finish
