#!/usr/bin/env bash
# Binary garbage is invalid (exit 1), never a crash or a hang, in every format.
source "$(dirname "$0")/../lib.sh"

# Seeded: of truly random bytes, a line is now and then valid JSON (a lone `7`), which is then
# `not-an-object` rather than `invalid-json`, and the test would fail one run in twenty.
python3 -c 'import random, sys; random.seed(7); sys.stdout.buffer.write(random.randbytes(100000))' \
  >"$WORK/garbage.json"
printf '{"action":"ORDER_SETTLED"}\0\x01\x02' >"$WORK/nul.json"
for format in text json github junit sarif; do
  run "$FLOWHOOK" validate --format "$format" "$WORK/garbage.json" "$WORK/nul.json"
  expect_exit 1
  [[ -z "$ERR" ]] || fail "$format: diagnostics for invalid input: ${ERR:0:500}"
done
run "$FLOWHOOK" validate --format json "$WORK/garbage.json" "$WORK/nul.json"
expect_json '[.payloads[].findings[].code] | unique' '["invalid-json"]'
expect_json '.payloads[-1].findings[0].message' '"not JSON: a NUL byte in the text (a string spells it \\u0000)"'
run "$FLOWHOOK" validate --format junit "$WORK/garbage.json"
python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$WORK/stdout" || fail "junit report does not parse"
finish
