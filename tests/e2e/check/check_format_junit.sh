#!/usr/bin/env bash
# --format junit is well-formed JUnit XML: one test case per check (each accepts/ACTION its
# own), a failure holding the message, the consequence and the Reproduce line, a skipped case
# for a check that did not apply.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/check.sh"

start_receiver unknown_action_500.py
run "$FLOWHOOK" check "$RECEIVER" --format junit
expect_exit 1
python3 - "$WORK/stdout" "$("$FLOWHOOK" --list-actions | wc -l)" <<'PY' || fail "the JUnit report is not what it should be: ${OUT:0:1500}"
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
actions = int(sys.argv[2])
assert root.tag == "testsuites", root.tag
suite = root.find("testsuite")
cases = suite.findall("testcase")
names = [c.get("name") for c in cases]
assert len(cases) == int(suite.get("tests")) == 29, (len(cases), suite.get("tests"))
assert sum(n.startswith("accepts/") for n in names) == actions, names
failed = [c for c in cases if c.find("failure") is not None]
assert [c.get("name") for c in failed] == ["unknown-action"], [c.get("name") for c in failed]
failure = failed[0].find("failure")
assert "500" in failure.get("message"), failure.get("message")
assert "the platform retries this 10 times" in failure.text, failure.text
assert "Reproduce: flowhook send " in failure.text, failure.text
assert suite.get("failures") == "1" and suite.get("skipped") == "1", suite.attrib
skipped = [c.get("name") for c in cases if c.find("skipped") is not None]
assert skipped == ["credentials"], skipped
PY
finish
