#!/usr/bin/env bash
# The zsh and fish completions parse (zsh -n, fish -n), and fish, driven with `complete -C`,
# offers options, --format values, action names (from --list-actions) and scenario names.
source "$(dirname "$0")/../lib.sh"

command -v zsh >/dev/null || { echo "zsh is missing (bash .ci/install-deps --tests)"; exit 1; }
command -v fish >/dev/null || { echo "fish is missing (bash .ci/install-deps --tests)"; exit 1; }

zsh -n "$SOURCE_DIR/completions/_flowhook" 2>"$WORK/zsh.err" || fail "zsh -n: $(cat "$WORK/zsh.err")"
fish -n "$SOURCE_DIR/completions/flowhook.fish" 2>"$WORK/fish.err" || fail "fish -n: $(cat "$WORK/fish.err")"

mkdir -p "$WORK/bin"
ln -s "$FLOWHOOK" "$WORK/bin/flowhook"

# fish_candidates LINE: what fish offers for LINE, candidates only, sorted.
fish_candidates() {
  PATH="$WORK/bin:$PATH" HOME="$WORK" timeout 30 fish --no-config -c \
    "source '$SOURCE_DIR/completions/flowhook.fish'; complete -C '$1'" | cut -f1 | sort
}

expect_fish() {
  local line=$1 got want
  shift
  got=$(fish_candidates "$line")
  want=$(printf '%s\n' "$@" | sort)
  [[ "$got" == "$want" ]] || fail "fish '$line': expected [$(echo $want)], got [$(echo $got)]"
}

expect_fish 'flowhook validate --for' --format
expect_fish 'flowhook ' validate generate send listen check
expect_fish 'flowhook validate --format ' text json github junit sarif
expect_fish 'flowhook send --format ' text json ndjson
expect_fish 'flowhook send --action ORDER_S' ORDER_SETTLED
expect_fish 'flowhook generate TILL_C' TILL_CLOSE TILL_CLOSED
expect_fish 'flowhook listen --events ORDER_SETTLED,TILL_' \
  ORDER_SETTLED,TILL_OPEN ORDER_SETTLED,TILL_CLOSE ORDER_SETTLED,TILL_CLOSED
expect_fish 'flowhook generate --scenario ' sale till-day product-lifecycle list
finish
