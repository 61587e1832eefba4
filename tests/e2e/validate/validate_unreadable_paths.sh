#!/usr/bin/env bash
# A path that cannot be read is reported on stderr with the reason, and exits 2; the other
# paths are still validated.
source "$(dirname "$0")/../lib.sh"

good="$FIXTURES/documented/order_settled.json"

run "$FLOWHOOK" validate "$WORK/missing.json" "$good"
expect_exit 2
expect_err "flowhook: validate: cannot read $WORK/missing.json: No such file or directory"
expect_out "ok    $good"

ln -s "$WORK/nowhere.json" "$WORK/broken.json"
run "$FLOWHOOK" validate "$WORK/broken.json"
expect_exit 2
expect_err "cannot read $WORK/broken.json: No such file or directory"

run "$FLOWHOOK" validate "$good/inside.json"
expect_exit 2
expect_err "cannot read $good/inside.json: Not a directory"

# A file that opens but cannot be read (EIO on /proc/self/mem at offset 0).
run "$FLOWHOOK" validate /proc/self/mem
expect_exit 2
expect_err "cannot read /proc/self/mem: Input/output error"

if [[ $(id -u) != 0 ]]; then  # root reads anything, so permissions only bite other users
  cp "$good" "$WORK/secret.json"
  chmod 000 "$WORK/secret.json"
  run "$FLOWHOOK" validate "$WORK/secret.json"
  expect_exit 2
  expect_err "cannot read $WORK/secret.json: Permission denied"
fi
finish
