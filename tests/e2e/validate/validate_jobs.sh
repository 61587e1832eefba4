#!/usr/bin/env bash
# --jobs N validates NDJSON on N threads; every report is byte-for-byte that of --jobs 1.
source "$(dirname "$0")/../lib.sh"

python3 - "$WORK/mixed.ndjson" <<'PY'
import sys
good = ('{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},'
        '"order":{"Id":%d,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}\n')
with open(sys.argv[1], "w") as f:
    for i in range(30000):
        if i % 997 == 0:
            f.write('{"action":"ORDER_SETLED","order":{"Id":"%d"}}\n' % i)
        elif i % 1499 == 0:
            f.write("{not json\n")
        elif i % 2003 == 0:
            f.write("\n")
        elif i % 3001 == 0:
            f.write(good.replace("}}\n", '},"note":"%s"}\n' % ("x" * 5000)) % i)
        else:
            f.write(good % i)
PY

inputs=("$WORK/mixed.ndjson" "$FIXTURES")
for format in json text github junit sarif; do
  run "$FLOWHOOK" validate --jobs 1 --format "$format" "${inputs[@]}"
  expect_exit 1
  cp "$WORK/stdout" "$WORK/one.$format"
  for jobs in 2 3 8; do
    run "$FLOWHOOK" validate --jobs "$jobs" --format "$format" "${inputs[@]}"
    expect_exit 1
    cmp -s "$WORK/stdout" "$WORK/one.$format" || fail "--jobs $jobs --format $format differs from --jobs 1"
  done
done
jq -e '.totals.payloads > 29000 and .totals.invalid > 40' "$WORK/one.json" >/dev/null || fail "unexpected totals: $(jq -c .totals "$WORK/one.json")"

run "$FLOWHOOK" validate --jobs 0 "$FIXTURES/documented"
expect_exit 2
run "$FLOWHOOK" validate --jobs many "$FIXTURES/documented"
expect_exit 2
finish
