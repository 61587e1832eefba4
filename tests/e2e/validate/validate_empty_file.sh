#!/usr/bin/env bash
# An empty (or blank) file is an invalid payload: not JSON, exit 1.
source "$(dirname "$0")/../lib.sh"

: >"$WORK/empty.json"
run "$FLOWHOOK" validate "$WORK/empty.json"
expect_exit 1
expect_out "$WORK/empty.json:1:1: error: not JSON: the text is empty [invalid-json]"

printf '\n  \n\n' >"$WORK/blank.ndjson"
run "$FLOWHOOK" validate "$WORK/blank.ndjson"
expect_exit 1
expect_out "not JSON: the text is empty"

run_stdin /dev/null "$FLOWHOOK" validate -
expect_exit 1
expect_out "-:1:1: error: not JSON: the text is empty"
finish
