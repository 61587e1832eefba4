#!/usr/bin/env bash
# --format junit: XML that parses, one test case per payload, failures counted right.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" validate --format junit "$FIXTURES/documented" "$FIXTURES/invalid" "$FIXTURES/ndjson/mixed.ndjson"
expect_exit 1
python3 - "$WORK/stdout" <<'PY' || fail "junit report: $OUT"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suite = root.find("testsuite")
cases = suite.findall("testcase")
failed = [c for c in cases if c.find("failure") is not None]
assert root.tag == "testsuites", root.tag
assert len(cases) == 23, len(cases)
assert suite.get("tests") == "23" and root.get("tests") == "23", suite.attrib
assert len(failed) == 4 and suite.get("failures") == "4", (len(failed), suite.attrib)
names = [c.get("name") for c in failed]
assert any(n.endswith("mixed.ndjson:4 ORDER_SETTLED") for n in names), names
wrong = [c for c in failed if "order_id_string" in c.get("name")][0].find("failure")
assert wrong.get("type") == "wrong-type", wrong.attrib
assert ':12:5: wrong-type: /order/Id: expected an integer, got the string "7123"' in wrong.text, wrong.text
PY

# --quiet keeps only the failing cases.
run "$FLOWHOOK" validate --format junit -q "$FIXTURES/documented" "$FIXTURES/invalid"
python3 -c 'import sys, xml.etree.ElementTree as ET; assert len(ET.parse(sys.argv[1]).getroot().findall(".//testcase")) == 2' "$WORK/stdout" \
  || fail "quiet junit report: $OUT"
finish
