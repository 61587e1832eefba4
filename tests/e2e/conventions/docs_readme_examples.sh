#!/usr/bin/env bash
# Every example in the README runs. In a temp folder holding the files the examples name (made
# from the fixtures), with a listener started here standing in for the README's receiver
# (http://127.0.0.1:8787/hooks is replaced by its URL):
# - each command of a ```sh block exits 0, or the code its trailing comment names (`# exit 1`);
#   `flowhook listen` lines run for a few seconds on a free port (--port 0 unless they name one)
#   and must have started listening;
# - each `$ flowhook validate|generate ...` of an output block prints exactly what follows it;
# - each `$ flowhook send ...` of an output block runs and delivers (exit 0);
# - the ```toml config example is accepted by --config.
# The set-up block (```shell) is left to CI, which runs exactly that.
source "$(dirname "$0")/../lib.sh"

python3 - "$SOURCE_DIR/README.md" "$WORK/examples" <<'PY' || fail "could not read the README's examples"
import os, re, sys
text = open(sys.argv[1]).read()
out = sys.argv[2]
os.makedirs(out)
counts = {"sh": 0, "output": 0, "send": 0}

def save(kind, n, suffix, content):
    with open(f"{out}/{kind}-{n:03d}.{suffix}", "w") as f:
        f.write(content)

for tag, block in re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M):
    lines = block.replace("\\\n", "").splitlines()
    if tag == "sh":
        for line in lines:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            code = re.search(r"#\s*exit (\d+)", line)
            counts["sh"] += 1
            save("sh", counts["sh"], "cmd", line)
            save("sh", counts["sh"], "exit", code.group(1) if code else "0")
    elif tag == "toml":
        save("config", 1, "toml", block)
    elif tag == "":
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            if re.match(r"\$ flowhook (validate|generate)\b", line):
                output = []
                while i < len(lines) and not lines[i].startswith("$ "):
                    output.append(lines[i])
                    i += 1
                counts["output"] += 1
                save("output", counts["output"], "cmd", line[2:])
                save("output", counts["output"], "out", "\n".join(output) + "\n")
            elif line.startswith("$ flowhook send"):
                counts["send"] += 1
                save("send", counts["send"], "cmd", line[2:])
assert counts["sh"] >= 25 and counts["output"] >= 8 and counts["send"] >= 4, counts
assert os.path.exists(f"{out}/config-001.toml")
PY

# The files the examples name.
run_dir="$WORK/run"
mkdir -p "$run_dir" && cp -r "$FIXTURES"/. "$run_dir"/ && cd "$run_dir" || exit 1
cp documented/order_settled.json order.json
cp invalid/order_id_string.json broken.json
mkdir fixtures && cp documented/*.json fixtures/
"$FLOWHOOK" generate --all --compact >events.ndjson || fail "could not make events.ndjson"

# The receiver of the examples; what it records is what --replay re-sends.
"$FLOWHOOK" listen --port 0 --record deliveries.ndjson >"$WORK/listener.out" 2>"$WORK/listener.err" &
CHILD_PIDS+=($!)
for _ in $(seq 100); do grep -q "^listening on" "$WORK/listener.err" && break; sleep 0.1; done
base=$(sed -nE 's|^listening on (http://127\.0\.0\.1:[0-9]+)/$|\1|p' "$WORK/listener.err")
[[ -n "$base" ]] || { fail "the listener did not start: $(cat "$WORK/listener.err")"; finish; }
url="$base/hooks"
"$FLOWHOOK" send "$url" order.json >/dev/null || fail "could not seed deliveries.ndjson"

# The examples say `flowhook`: this binary; a listener runs a few seconds on a free port.
flowhook() {
  if [[ "${1:-}" == listen ]]; then
    shift
    local port=(--port 0)
    [[ " $* " == *" --port "* || " $* " == *" -p "* ]] && port=()
    timeout 3 "$FLOWHOOK" listen "${port[@]}" "$@"
  else
    "$FLOWHOOK" "$@"
  fi
}
export -f flowhook
export FLOWHOOK TOKEN=example-token

# run_example FILE [MERGED]: runs the command in FILE (the README's URL replaced), keeping $OUT,
# $ERR and $STATUS (with MERGED, stderr goes to $OUT as on a terminal); shown as $EXAMPLE in
# failures.
run_example() {
  EXAMPLE=$(sed "s|http://127.0.0.1:8787/hooks|$url|g" "$1")
  local err="$WORK/stderr"
  [[ -n "${2:-}" ]] && err="$WORK/stdout"
  : >"$WORK/stderr"
  timeout 120 bash -c "$EXAMPLE" >"$WORK/stdout" 2>"$err" </dev/null
  STATUS=$?
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}

for cmd in "$WORK"/examples/sh-*.cmd; do
  run_example "$cmd"
  want=$(cat "${cmd%.cmd}.exit")
  if [[ "$EXAMPLE" =~ (^|[|;&[:space:]])flowhook\ listen ]]; then
    [[ "$STATUS" == 124 || "$STATUS" == 0 ]] || fail "README: '$EXAMPLE' exited $STATUS; stderr: $ERR"
    grep -q "^listening on" <<<"$ERR" || fail "README: '$EXAMPLE' did not start listening: $ERR"
  elif [[ "$STATUS" != "$want" ]]; then
    fail "README: '$EXAMPLE' exited $STATUS, not $want; stderr: ${ERR:0:1000}"
  fi
done

for cmd in "$WORK"/examples/output-*.cmd; do
  run_example "$cmd" merged
  diff -u "${cmd%.cmd}.out" "$WORK/stdout" >"$WORK/diff" ||
    fail "README: the output of '$EXAMPLE' differs:
$(cat "$WORK/diff")"
done

for cmd in "$WORK"/examples/send-*.cmd; do
  run_example "$cmd"
  [[ "$STATUS" == 0 ]] || fail "README: '$EXAMPLE' exited $STATUS; stderr: ${ERR:0:1000}"
done

# The config example is one that --config accepts.
cp "$WORK/examples/config-001.toml" readme.toml
run "$FLOWHOOK" --config readme.toml validate documented/
expect_exit 0
expect_out "flowhook: 16 payloads, 0 invalid"  # format = "github", from the file
run "$FLOWHOOK" --config readme.toml send "$url" --action ORDER_SETTLED
expect_exit 0
finish
