#!/usr/bin/env bash
# A 1,000,000-line NDJSON file validates in memory that does not grow with the file: the
# peak RSS for 1M lines is about that for 100k lines.
source "$(dirname "$0")/../lib.sh"

python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
line = ('{"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},'
        '"order":{"Id":%d,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"}}\n')
bad = '{"action":"ORDER_SETTLED","tenant":{"Id":"7","Uid":"7"}}\n'
for name, count in (("100k", 100000), ("1m", 1000000)):
    with open(f"{work}/{name}.ndjson", "w") as f:
        chunk = "".join(line % i for i in range(10000))
        for _ in range(count // 10000 - 1):
            f.write(chunk)
        f.write(chunk[: -len(line % 9999)] + bad)
PY

# peak_rss ARGS...: runs flowhook validate ARGS; sets RSS to its peak RSS in KB, and STATUS.
peak_rss() {
  timeout 200 /usr/bin/time -f "maxrss_kb=%M" "$FLOWHOOK" validate "$@" 2>"$WORK/time" >"$WORK/stdout"
  STATUS=$?
  ERR=$(cat "$WORK/time")
  RSS=$(grep -o 'maxrss_kb=[0-9]*' "$WORK/time" | cut -d= -f2)
}

if [[ ! -x /usr/bin/time ]]; then
  echo "skipping: /usr/bin/time is missing (bash .ci/install-deps --tests)"
  finish
fi
# Sequential and parallel, with the reporter that keeps the most (junit spools its cases).
for args in "-q --jobs 1" "--format junit --jobs 2"; do
  # shellcheck disable=SC2086
  peak_rss $args "$WORK/100k.ndjson"
  expect_exit 1
  small=${RSS:-0}
  # shellcheck disable=SC2086
  peak_rss $args "$WORK/1m.ndjson"
  expect_exit 1
  large=${RSS:-0}
  echo "validate $args: 100k lines ${small} KB, 1M lines ${large} KB peak RSS"
  (( small > 0 && large * 2 < small * 3 )) || fail "validate $args: memory grows with the file: ${small} KB -> ${large} KB"
done
peak_rss -q --format json "$WORK/1m.ndjson"
expect_json '.totals' '{"sources":1,"payloads":1000000,"valid":999999,"invalid":1,"errors":4,"warnings":0,"unreadable":0}'
expect_json '.payloads[0].location' "\"$WORK/1m.ndjson:1000000\""
finish
