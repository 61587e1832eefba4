#!/usr/bin/env bash
# Inputs that once crashed a fuzz target are validated cleanly: a verdict, never a crash.
source "$(dirname "$0")/../lib.sh"

for file in "$FIXTURES"/regressions/*; do
  run "$FLOWHOOK" validate "$file"
  [[ "$STATUS" == 0 || "$STATUS" == 1 ]] || fail "$file: exit $STATUS; $ERR"
done
finish
