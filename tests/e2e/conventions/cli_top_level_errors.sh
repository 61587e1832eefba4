#!/usr/bin/env bash
# Mistakes at the top level get a message naming them, and exit 2: an unknown subcommand, a
# config file key that no option has, a config file that does not exist.
source "$(dirname "$0")/../lib.sh"

run "$FLOWHOOK" bogus
expect_exit 2
expect_err 'flowhook: unknown subcommand "bogus" (subcommands: validate, generate, send, listen, check)'

cd "$WORK" || exit 1
printf '[validate]\nbogus = 1\n' >flowhook.toml
run "$FLOWHOOK" validate "$FIXTURES/documented/order_settled.json"
expect_exit 2
expect_err 'flowhook: flowhook.toml:2: unknown option "bogus" under [validate]'

run "$FLOWHOOK" --config "$WORK/missing.toml" validate "$FIXTURES/documented/order_settled.json"
expect_exit 2
expect_err "flowhook: --config $WORK/missing.toml: No such file or directory"
finish
