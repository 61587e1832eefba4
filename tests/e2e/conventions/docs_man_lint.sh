#!/usr/bin/env bash
# man/flowhook.1 is clean mdoc: `mandoc -Tlint -W warning` has nothing to say, and it renders.
source "$(dirname "$0")/../lib.sh"

command -v mandoc >/dev/null || { echo "mandoc is missing (bash .ci/install-deps --tests)"; exit 1; }
page="$SOURCE_DIR/man/flowhook.1"
run mandoc -Tlint -W warning "$page"
[[ -z "$OUT$ERR" ]] || fail "mandoc -Tlint: $OUT$ERR"
run mandoc -Tascii "$page"
OUT=$(sed "s/.\x08//g" <<<"$OUT")  # no overstrike bold
expect_exit 0
for section in SYNOPSIS COMMANDS "DELIVERY SEMANTICS" ENVIRONMENT FILES "EXIT STATUS" EXAMPLES; do
  expect_out "$section"
done
finish
