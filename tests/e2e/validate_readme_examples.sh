#!/usr/bin/env bash
# The README's validate examples are real: each `$ flowhook validate ...` block, run in
# tests/fixtures, prints exactly what the README shows.
source "$(dirname "$0")/lib.sh"

python3 - "$SOURCE_DIR/README.md" "$WORK/examples" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
section = text.split("## validate\n", 1)[1].split("\n## ", 1)[0]
os.makedirs(sys.argv[2])
count = 0
for block in re.findall(r"```\n(.*?)```", section, re.S):
    lines = block.replace("\\\n", "").splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("$ flowhook validate"):
            command, output = lines[i][2:], []
            i += 1
            while i < len(lines) and not lines[i].startswith("$ "):
                output.append(lines[i])
                i += 1
            count += 1
            with open(f"{sys.argv[2]}/{count}.cmd", "w") as f:
                f.write(command)
            with open(f"{sys.argv[2]}/{count}.out", "w") as f:
                f.write("\n".join(output) + "\n")
        else:
            i += 1
assert count >= 3, count
PY
[[ $? == 0 ]] || fail "could not read the README's examples"

cd "$FIXTURES" || exit 1
for cmd in "$WORK"/examples/*.cmd; do
  flowhook() { "$FLOWHOOK" "$@"; }
  eval "$(cat "$cmd")" >"$WORK/actual" 2>/dev/null
  diff -u "${cmd%.cmd}.out" "$WORK/actual" >"$WORK/diff" || fail "README example differs: $(cat "$cmd")
$(cat "$WORK/diff")"
done
finish
