#!/usr/bin/env bash
# Every input costs time linear in its size: hostile inputs (a 4 MB action, 4 MB of escapes,
# 100k keys, deep nesting, 100k findings, 100k lines, a line without its end, 64 MB of blanks)
# validate within RATIO times a valid payload of the same size, both read from a pipe, which
# hands the bytes over 64 KB at a time. The time is CPU time (user and system), not the clock,
# which on a shared machine counts the other processes too; the least of a few runs counts.
source "$(dirname "$0")/../lib.sh"

RATIO=10
# A sanitizer slows the small allocations of findings and suggestions far more than the parse
# of a valid payload: 100k near-miss actions cost 3.5x it here, and 9.5x under ASan.
[[ $LINKED == *libasan* || $LINKED == *libtsan* ]] && RATIO=30
RUNS=5

python3 - "$WORK" <<'PY'
import os, sys
work, size, pipe_size = sys.argv[1], 4 << 20, 64 << 20
refs = '"tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},"tenantUser":{"Id":7,"Uid":"9"}'
settled = '{"action":"ORDER_SETTLED",' + refs

def valid(n):
    """A valid ORDER_SETTLED payload of n bytes on one line: its order's Uid pads it."""
    head, tail = settled + ',"order":{"Id":7123,"Uid":"', '"}}'
    return head + "x" * (n - len(head) - len(tail)) + tail

def baseline(n):
    """A valid payload of n bytes as the platform could send it: order lines in a field the
    catalogue does not know (a warning, still valid), so that its parse costs what JSON
    costs, not what one long string does. Its first line is short, as in a pretty-printed
    file: a reader needs no more than that line to know the file is one document."""
    head = "{\n" + settled[1:] + ',"order":{"Id":7123,"Uid":"700"},"lines":['
    item, tail = '{"sku":"A-1","quantity":1,"price":9.95},', '{"note":""}]}'
    text = head + item * ((n - len(head) - len(tail)) // len(item))
    return text + tail[:9] + "x" * (n - len(text) - len(tail)) + tail[9:]

def filled(head, unit, tail, size=size):
    """head, then unit as often as fits in `size` bytes, then tail."""
    return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail

def write(name, text):
    """The hostile input NAME, and valid-NAME: a valid payload of its size."""
    for file, content in ((name, text), ("valid-" + name, baseline(len(text)))):
        with open(os.path.join(work, file), "w") as f:
            f.write(content)

depth = size // 12
write("action", filled('{"action":"', "A", '"}'))
write("escapes", filled('{"action":"', "\\u0041", '"}'))
write("keys", settled + ',"order":{"Id":1,"Uid":"1"}' +
      "".join(',"field%06d":1' % i for i in range(100000)) + "}")
write("repeated-keys", filled(settled, ',"order":{"Id":1,"Uid":"1"}', "}"))
write("long-key", filled(settled + ',"order":{"Id":1,"Uid":"1"},"', "~/", '":1}'))
write("long-number", filled(settled + ',"order":{"Id":1.', "0", ',"Uid":"1"}}'))
write("deep", settled + ',"order":{"Id":1,"Uid":"1"},"note":' + "[" * depth + "]" * depth +
      ',"more":' + '{"a":' * depth + "1" + "}" * depth + "}")
write("findings", "[" + ",".join(['{"action":"ORDER_SETTLE"}'] * 100000) + "]")
write("lines", '{"action":"ORDER_SETTLED","tenant":7}\n' * 100000)
write("near-misses", "".join('{"action":"ORDER_SETTLE%d"}\n' % i for i in range(100000)))
write("long-line", valid(200) + "\n" + valid(size))
# Blanks that a reader looks at again after each read of a pipe cost (size / 64 KB)^2 / 2
# times 64 KB: unlike the rest, only noticeable when there are many of them.
write("blank-tail", filled(valid(200) + "\n", " ", "\n", pipe_size))
PY

# cpu_ms FILE ARGS...: the CPU time in CPU (milliseconds) of `flowhook validate ARGS -` with
# FILE piped in. A run that ends other than valid (0) or invalid (1) fails the test, and
# returns 1.
cpu_ms() {
  local file=$1 TIMEFORMAT='%3U %3S' user system status
  shift
  { time cat "$file" | timeout 60 "$FLOWHOOK" validate "$@" - >/dev/null 2>"$WORK/stderr"; } 2>"$WORK/time"
  status=$?
  read -r user system <"$WORK/time"
  CPU=$((10#${user/./} + 10#${system/./}))
  ((status <= 1)) && return 0
  fail "$(basename "$file") $*: exit $status after ${CPU} ms of CPU: $(head -c 500 "$WORK/stderr")"
  return 1
}

# fastest LIMIT FILE ARGS...: the least CPU of up to RUNS runs of cpu_ms FILE ARGS, in FASTEST;
# it stops at the first run within LIMIT (0: no limit), and at a run that fails.
fastest() {
  local limit=$1
  shift
  FASTEST=
  for ((i = 0; i < RUNS; i++)); do
    cpu_ms "$@" || i=$RUNS
    if [[ -z "$FASTEST" ]] || ((CPU < FASTEST)); then FASTEST=$CPU; fi
    ((limit > 0 && FASTEST <= limit)) && break
  done
}

# expect_linear NAME ARGS...: the input NAME validates (with ARGS) within RATIO times a valid
# payload of its size.
expect_linear() {
  local name=$1 valid
  shift
  fastest 0 "$WORK/valid-$name" "$@"
  valid=$((FASTEST > 0 ? FASTEST : 1))
  fastest $((RATIO * valid)) "$WORK/$name" "$@"
  echo "$name${*:+ $*}: ${FASTEST} ms of CPU, a valid payload of its size ${valid} ms"
  ((FASTEST <= RATIO * valid)) ||
    fail "$name${*:+ $*}: ${FASTEST} ms of CPU, over ${RATIO}x the ${valid} ms of a valid payload of its size"
}

for name in action escapes keys repeated-keys long-key long-number deep near-misses long-line \
  blank-tail; do
  expect_linear "$name"
done
for format in text json github junit sarif; do
  expect_linear findings --format "$format"
done
expect_linear lines --jobs 1
expect_linear lines --jobs 2

# The 4 MB action is reported cut short, without a suggestion.
run_stdin "$WORK/action" "$FLOWHOOK" validate -
expect_exit 1
expect_out 'error: /action: unknown action "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA..." [unknown-action]'
finish
