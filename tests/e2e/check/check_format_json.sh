#!/usr/bin/env bash
# --format json is one JSON document: the URL, every check with its level, outcome, status,
# latency, message and reproduce line (null when it passed), and a summary that adds up.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

start_receiver malformed_500.py
run "$FLOWHOOK" check "$RECEIVER" --format json
expect_exit 1
jq -e . <"$WORK/stdout" >/dev/null || fail "not one JSON document: ${OUT:0:500}"
[[ $(jq -s length <"$WORK/stdout") == 1 ]] || fail "more than one JSON document"
expect_json '.url' "\"$RECEIVER\""
expect_json '[.checks[].level] | unique' '["info","must"]'
expect_json '[.checks[].outcome] | unique' '["fail","pass","skip"]'
expect_json '[.checks[] | keys] | unique' '[["answer","consequence","elapsed_ms","latency_ms","level","message","name","outcome","reproduce","status"]]'
expect_json '.checks[] | select(.name == "accepts/ORDER_SETTLED") | [.status, (.latency_ms | type), .reproduce]' '[200,"number",null]'
expect_json '.checks[] | select(.name == "rejects-malformed") | [.outcome, .status, (.reproduce | startswith("flowhook send "))]' '["fail",500,true]'
expect_json '.checks[] | select(.name == "credentials") | [.outcome, .status]' '["skip",null]'
expect_json '.summary | [.checks, .passed + .warned + .failed + .skipped, .failed, .must_failed, .interrupted]' '[29,29,1,1,false]'
expect_json '.checks[] | select(.name == "accepts/ORDER_SETTLED") | .answer' '"{\"status\": 200}"'
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$WORK/stdout" || fail "python cannot parse the report"
finish
