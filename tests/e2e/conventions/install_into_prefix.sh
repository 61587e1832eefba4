#!/usr/bin/env bash
# `cmake --install` lays out the binary, the man page and the completions where users' tools
# look for them, and the installed binary runs.
source "$(dirname "$0")/../lib.sh"

prefix="$WORK/prefix"
run cmake --install "$BUILD_DIR" --prefix "$prefix"
expect_exit 0
for file in bin/flowhook share/man/man1/flowhook.1 share/bash-completion/completions/flowhook \
            share/zsh/vendor-completions/_flowhook share/fish/vendor_completions.d/flowhook.fish; do
  [[ -f "$prefix/$file" ]] || fail "not installed: $file"
done
run "$prefix/bin/flowhook" --version
expect_exit 0
expect_out "flowhook "
run "$prefix/bin/flowhook" validate "$FIXTURES/documented/order_settled.json"
expect_exit 0
finish
