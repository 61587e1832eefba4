#!/usr/bin/env bash
# Nesting 100,000 levels deep is parsed iteratively: a clear finding, exit 1, no crash.
source "$(dirname "$0")/../lib.sh"

python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
n = 100000
open(f"{work}/arrays.json", "w").write("[" * n + "]" * n)
open(f"{work}/objects.json", "w").write('{"a":' * n + "1" + "}" * n)
open(f"{work}/unclosed.json", "w").write("[" * n)
event = '{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},"tenantUser":{"Id":7,"Uid":"9"},'
with open(f"{work}/deep.ndjson", "w") as f:
    f.write(event + '"order":' + "[" * n + "]" * n + "}\n")
    f.write(event + '"order":{"Id":' + '{"a":' * n + "1" + "}" * n + ',"Uid":"1"},"note":' + "[" * n + "]" * n + "}\n")
PY

run "$FLOWHOOK" validate "$WORK/arrays.json"
expect_exit 1
expect_out "error: expected a JSON object, got an array [not-an-object]"
run "$FLOWHOOK" validate "$WORK/objects.json"
expect_exit 1
expect_out "error: /action: missing; every event names its action [missing-field]"
run "$FLOWHOOK" validate "$WORK/unclosed.json"
expect_exit 1
expect_out "error: not JSON:"

for format in text json github junit sarif; do
  run "$FLOWHOOK" validate --format "$format" "$WORK/deep.ndjson"
  expect_exit 1
done
run "$FLOWHOOK" validate --format json "$WORK/deep.ndjson"
expect_json '[.payloads[].findings[] | [.code, .pointer]]' \
  '[["wrong-type","/order"],["wrong-type","/order/Id"],["unknown-field","/note"]]'
finish
