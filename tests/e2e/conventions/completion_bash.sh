#!/usr/bin/env bash
# The bash completion offers the right candidates: subcommands, each subcommand's options and
# --format values, action names from `flowhook --list-actions` (after --action, as generate's
# arguments, in listen's comma-separated --events), scenario names, and files where a path goes.
source "$(dirname "$0")/../lib.sh"

mkdir -p "$WORK/bin" "$WORK/dir"
ln -s "$FLOWHOOK" "$WORK/bin/flowhook"
PATH="$WORK/bin:$PATH"
touch "$WORK/dir/order.json" "$WORK/dir/orders.ndjson" "$WORK/dir/ca.pem"
cd "$WORK/dir" || exit 1
source "$SOURCE_DIR/completions/flowhook.bash" || fail "the completion file does not load"

# complete_line 'flowhook send --act': the candidates for the last word, one per line, sorted.
complete_line() {
  read -ra COMP_WORDS <<<"$1"
  [[ "$1" == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE=$1
  COMP_POINT=${#1}
  COMPREPLY=()
  _flowhook flowhook "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  printf '%s\n' "${COMPREPLY[@]}" | sort
}

# expect_candidates LINE EXPECTED...: exactly these candidates.
expect_candidates() {
  local line=$1 got want
  shift
  got=$(complete_line "$line")
  want=$(printf '%s\n' "$@" | sort)
  [[ "$got" == "$want" ]] || fail "'$line': expected [$(echo $want)], got [$(echo $got)]"
}

# expect_some LINE CANDIDATE...: at least these candidates.
expect_some() {
  local line=$1 got c
  shift
  got=$(complete_line "$line")
  for c in "$@"; do
    grep -qxF -- "$c" <<<"$got" || fail "'$line': lacks $c; got [$(echo $got)]"
  done
}

expect_candidates 'flowhook ' validate generate send listen check
expect_candidates 'flowhook gen' generate
expect_candidates 'flowhook validate --for' --format
expect_candidates 'flowhook validate --format ' text json github junit sarif
expect_candidates 'flowhook send -f ' text json ndjson
expect_candidates 'flowhook listen --format ' text ndjson
expect_candidates 'flowhook generate --format ' text json
expect_candidates 'flowhook check --format ' text json junit github
expect_some 'flowhook check --only ' accepts accepts/TILL_CLOSED duplicate burst
expect_some 'flowhook check http://127.0.0.1:8787/hooks -' --only --skip --probe-url --from --list --bearer
expect_candidates 'flowhook check http://127.0.0.1:8787/hooks --from ord' order.json orders.ndjson
expect_candidates 'flowhook send --action ORDER_S' ORDER_SETTLED
expect_candidates 'flowhook validate -a TILL_CLOSE' TILL_CLOSE TILL_CLOSED
expect_candidates 'flowhook generate --seed 3 PRODUCT_MEDIA' PRODUCT_MEDIA_CHANGE PRODUCT_MEDIA_CHANGED
expect_candidates 'flowhook listen --events ORDER_SETTLED,TILL_' \
  ORDER_SETTLED,TILL_OPEN ORDER_SETTLED,TILL_CLOSE ORDER_SETTLED,TILL_CLOSED
expect_candidates 'flowhook generate --scenario ' sale till-day product-lifecycle list
expect_candidates 'flowhook validate ord' order.json orders.ndjson
expect_candidates 'flowhook send http://127.0.0.1:8787/hooks ord' order.json orders.ndjson
expect_candidates 'flowhook send http://127.0.0.1:8787/hooks --cacert c' ca.pem
expect_candidates 'flowhook listen --record order' order.json orders.ndjson
expect_candidates 'flowhook --config o' order.json orders.ndjson
# bash splits '--replay=ord' at '=' into three words
expect_candidates 'flowhook send --replay = ord' order.json orders.ndjson
expect_candidates 'flowhook send http' # the URL: nothing to offer
expect_candidates 'flowhook listen --port ' # a number: nothing to offer
expect_some 'flowhook listen --' --events --record --respond --forward-to --exit-after --verbose
expect_some 'flowhook send -' -H --header --dry-run --no-retry --replay
expect_some 'flowhook generate -' --scenario --split -q -v
expect_some 'flowhook validate -' -q --quiet -v --verbose -j --jobs
expect_candidates 'flowhook --v' --version
# Every action the binary knows, after --action.
[[ $(complete_line 'flowhook send --action ') == "$("$FLOWHOOK" --list-actions | sort)" ]] ||
  fail "--action does not offer exactly the actions of --list-actions"
finish
