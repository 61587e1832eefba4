#!/usr/bin/env bash
# A 100 MB single line validates quickly in memory bounded by a small multiple of its size.
source "$(dirname "$0")/../lib.sh"

python3 - "$WORK/huge.json" <<'PY'
import sys
head = ('{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},'
        '"order":{"Id":7123,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"},"note":"')
with open(sys.argv[1], "w") as f:
    f.write(head)
    block = "x" * (1 << 20)
    for _ in range(100):
        f.write(block)
    f.write('"}\n')
PY
size_kb=$(( $(stat -c %s "$WORK/huge.json") / 1024 ))

if [[ -x /usr/bin/time ]]; then
  run /usr/bin/time -f "maxrss_kb=%M" "$FLOWHOOK" validate "$WORK/huge.json"
  rss_kb=$(grep -o 'maxrss_kb=[0-9]*' <<<"$ERR" | cut -d= -f2)
  [[ -n "$rss_kb" ]] || fail "no RSS measured: $ERR"
  echo "huge line: ${size_kb} KB file, ${rss_kb:-?} KB peak RSS"
  (( ${rss_kb:-0} < 3 * size_kb * MEMORY_FACTOR )) ||
    fail "peak RSS ${rss_kb} KB is not below $((3 * MEMORY_FACTOR))x the line (${size_kb} KB)"
else
  echo "skipping the memory check: /usr/bin/time is missing (bash .ci/install-deps --tests)"
  run "$FLOWHOOK" validate "$WORK/huge.json"
fi
expect_exit 0
expect_out "warn  $WORK/huge.json  ORDER_SETTLED"
expect_out "warning: /note: is not a field the platform documents"

# The same line twice as NDJSON, then broken at its very end.
{ cat "$WORK/huge.json"; head -c -3 "$WORK/huge.json"; echo; } >"$WORK/huge.ndjson"
run "$FLOWHOOK" validate --format json "$WORK/huge.ndjson"
expect_exit 1
expect_json '[.payloads[] | [.line, .valid]]' '[[1,true],[2,false]]'
finish
