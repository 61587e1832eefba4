#!/usr/bin/env bash
# The source tree's layers (README, "Architecture"): every #include of a project header stays in
# its own folder or points to a lower layer; no subcommand includes another's folder, and no file
# but main.cpp and app.cpp includes app.hpp.
source "$(dirname "$0")/../lib.sh"

# Prints one line per include that breaks the layers of the tree under $1.
upward_includes() {
  python3 - "$1" <<'PY'
import pathlib, re, sys
src = pathlib.Path(sys.argv[1])
rank = {"util": 0, "platform": 0, "schema": 1, "http": 1, "output": 2, "cli": 3, "delivery": 3,
        "validate": 4, "send": 4, "listen": 4, "generate": 4, "check": 4, ".": 5}
for path in sorted(src.rglob("*.[ch]pp")):
    folder = path.parent.relative_to(src).as_posix().split("/")[0]
    if folder not in rank:
        print(f"{path.relative_to(src)}: folder {folder!r} has no layer in this test")
        continue
    for number, line in enumerate(path.read_text().splitlines(), 1):
        m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
        if not m:
            continue
        target = m.group(1)
        to = target.split("/")[0] if "/" in target else "."
        where = f"{path.relative_to(src)}:{number}"
        if target == "app.hpp" and path.name not in ("main.cpp", "app.cpp"):
            print(f"{where}: includes app.hpp")
        elif to not in rank:
            print(f"{where}: includes {target}, in no known folder")
        elif to != folder and rank[to] >= rank[folder]:
            print(f"{where}: {folder}/ includes {target}, which is not below it")
PY
}

upward_includes "$SOURCE_DIR/src" >"$WORK/report" || fail "the include check itself failed"
[[ -s $WORK/report ]] && fail "includes that do not point down:
$(cat "$WORK/report")"

# The check can fail: an include up, one sideways between subcommands, and app.hpp.
mkdir -p "$WORK/bad/util" "$WORK/bad/send" "$WORK/bad/listen"
echo '#include "send/send.hpp"' >"$WORK/bad/util/up.hpp"
echo '#include "send/send.hpp"' >"$WORK/bad/listen/sideways.cpp"
echo '#include "app.hpp"' >"$WORK/bad/send/send.hpp"
upward_includes "$WORK/bad" >"$WORK/bad-report"
[[ $(wc -l <"$WORK/bad-report") -eq 3 ]] || fail "three bad includes, but the check said:
$(cat "$WORK/bad-report")"
finish
