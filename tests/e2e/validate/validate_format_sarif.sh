#!/usr/bin/env bash
# --format sarif: SARIF 2.1.0 with one result per finding, located by line and column.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate --format sarif "$FIXTURES/documented" "$FIXTURES/invalid" "$FIXTURES/ndjson/mixed.ndjson"
expect_exit 1
jq -e . "$WORK/stdout" >/dev/null || fail "not JSON: $OUT"
expect_json '.version' '"2.1.0"'
expect_json '.runs | length' 1
expect_json '.runs[0].tool.driver.name' '"flowhook"'
expect_json '.runs[0].results | length' 4
expect_json '[.runs[0].results[].level] | unique' '["error"]'
expect_json '.runs[0].results[] | select(.ruleId == "wrong-type") | .locations[0].physicalLocation.region' \
  '{"startLine":12,"startColumn":5}'
expect_json '[.runs[0].results[].ruleId] - [.runs[0].tool.driver.rules[].id]' '[]'

run "$FLOWHOOK" validate --format sarif "$FIXTURES/documented"
expect_exit 0
expect_json '.runs[0].results | length' 0
finish
