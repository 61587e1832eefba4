#!/usr/bin/env bash
# A cut or invalid UTF-8 sequence is named as such, at its line and column, never as "a NUL
# byte" (issue 17: after an escape, a sequence cut by the end of an NDJSON line was reported as
# a NUL byte); a real NUL byte still is.
source "$(dirname "$0")/../lib.sh"
fixture="$FIXTURES/regressions/escape-then-truncated-utf8-before-a-line.ndjson"

run "$FLOWHOOK" validate "$fixture"
expect_exit 1
expect_out "$fixture:4:11: error: not JSON: a cut UTF-8 sequence in a string: 0xF0 starts a 4-byte character, only 1 byte of it before the payload ends [invalid-json]"
expect_out "$fixture:8:11: error: not JSON: a cut UTF-8 sequence in a string: 0xF0 starts a 4-byte character, only 1 byte of it before 0x69 [invalid-json]"
# Lines 13 and 14 hold real NUL bytes (at 13:8 and 14:3); no other line does.
run "$FLOWHOOK" validate --format json "$fixture"
expect_json '[.payloads[] | select(.findings[0].message | test("NUL")) | [.line, .findings[0].column]]' '[[13,8],[14,3]]'
python3 - "$fixture" <<'PY' || fail "the fixture's NUL bytes are not where the test says"
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
assert lines[12].index(b"\0") == 7 and lines[13].index(b"\0") == 2, "moved"
PY

# The same cut with escapes before it, in every layout: the last line of NDJSON, a document,
# an array item; and from stdin.
printf '{"action": "ORDER_SETTLED"}\n{"a": "\\t\\n\xe2\x82\n' >"$WORK/cut.ndjson"
printf '{\n  "a": "\\t\\n\xe2\x82' >"$WORK/cut.json"
printf '[{"a": "\\t\\n\xe2\x82"}]' >"$WORK/cut-item.json"
cut='not JSON: a cut UTF-8 sequence in a string: 0xE2 starts a 3-byte character, only 2 bytes of it before'
for file in cut.ndjson cut.json; do
  run "$FLOWHOOK" validate --format json "$WORK/$file"
  expect_exit 1
  expect_json '[.payloads[-1].findings[0].message]' "[\"$cut the payload ends\"]"
done
run "$FLOWHOOK" validate --format json "$WORK/cut-item.json"
expect_json '[.payloads[-1].findings[0] | .message, .line, .column]' "[\"$cut 0x22\",1,13]"
run_stdin "$WORK/cut.json" "$FLOWHOOK" validate -
expect_out "-:2:13: error: not JSON: a cut UTF-8 sequence in a string"
finish
