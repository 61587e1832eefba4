#!/usr/bin/env bash
# A folder with no payload files is a clear usage error (exit 2), not a silent success.
source "$(dirname "$0")/../lib.sh"

mkdir -p "$WORK/empty/sub"
echo hi >"$WORK/empty/sub/notes.txt"
run "$FLOWHOOK" validate "$WORK/empty"
expect_exit 2
expect_err "flowhook: validate: no payload files (*.json, *.ndjson, *.jsonl) under $WORK/empty"

# A file with an empty array holds no payload either.
echo '[]' >"$WORK/none.json"
run "$FLOWHOOK" validate "$WORK/none.json"
expect_exit 2
expect_err "flowhook: validate: no payload found"
finish
