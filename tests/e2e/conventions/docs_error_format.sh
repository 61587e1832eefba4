#!/usr/bin/env bash
# One error format for every subcommand: each error path below exits with its documented code,
# and its stderr starts with "flowhook: <subcommand>: <what went wrong>" (then at most a
# "Run with --help for usage." hint), never a crash or CLI11's own layout; usage errors print
# nothing on stdout, so a pipe never receives half a report.
source "$(dirname "$0")/../lib.sh"

cd "$WORK" || exit 1
mkdir empty
echo '{"action":' >torn.ndjson
printf '[validate]\nformat = "xml"\n' >bad.toml

# expect_error CODE SUBCOMMAND ARGS...: flowhook SUBCOMMAND ARGS... fails in the one format.
expect_error() {
  local code=$1 sub=$2
  shift 2
  run "$FLOWHOOK" "$sub" "$@"
  check_error "$code" "$sub" "$sub $*"
}

# check_error CODE SUBCOMMAND WHAT: checks $STATUS, $ERR and $OUT of the last run.
check_error() {
  local code=$1 sub=$2 what=$3 first rest
  [[ "$STATUS" == "$code" ]] || fail "'$what': exit $STATUS, expected $code; stderr: $ERR"
  first=$(head -n 1 <<<"$ERR")
  rest=$(tail -n +2 <<<"$ERR" | grep -vxF "Run with --help for usage.")
  [[ "$first" =~ ^flowhook:\ ${sub:+$sub:\ }[^\ ].+ ]] ||
    fail "'$what': stderr does not start with 'flowhook: ${sub:+$sub: }...': $ERR"
  # Further lines are more errors in the same format, or the usage hint.
  if [[ -n "$rest" ]] && grep -qvE "^flowhook: ${sub:+$sub: }" <<<"$rest"; then
    fail "'$what': a stderr line outside the format: $ERR"
  fi
  grep -qiE "terminate called|what\(\)|Sanitizer|^ERROR" <<<"$ERR" && fail "'$what': crashed: $ERR"
  [[ "$code" != 2 || -z "$OUT" || "$sub" == validate ]] || fail "'$what': a usage error printed on stdout: $OUT"
}

# top level
run "$FLOWHOOK"; check_error 2 "" "(no subcommand)"
run "$FLOWHOOK" frobnicate; check_error 2 "" "frobnicate"
# config file errors name the file (and the line), not the subcommand
run "$FLOWHOOK" --config "$WORK/missing.toml" validate x; check_error 2 "" "--config missing"
run "$FLOWHOOK" --config bad.toml validate torn.ndjson; check_error 2 "" "--config with a bad value"

# validate
expect_error 2 validate
expect_error 2 validate --bogus x
expect_error 2 validate --format xml x
expect_error 2 validate --action ORDER_SETLED x
expect_error 2 validate --jobs 0 x
expect_error 2 validate -q -v x
expect_error 2 validate "$WORK/missing.json"
expect_error 2 validate empty
expect_error 2 validate /dev/null/x

# generate
expect_error 2 generate
expect_error 2 generate --bogus
expect_error 2 generate ORDER_SETLED
expect_error 2 generate ORDER_SETTLED --set order.Id=abc
expect_error 2 generate ORDER_SETTLED --set nosuch=1
expect_error 2 generate ORDER_SETTLED --set malformed
expect_error 2 generate --seed x ORDER_SETTLED
expect_error 2 generate --count 0 ORDER_SETTLED
expect_error 2 generate --split ORDER_SETTLED
expect_error 2 generate ORDER_SETTLED -o "$WORK/missing/dir/x.json"
expect_error 2 generate ORDER_SETTLED -o /dev/full
expect_error 2 generate --all -o empty
expect_error 2 generate --scenario nope
expect_error 2 generate --format json ORDER_SETTLED
expect_error 2 generate --schema ORDER_SETTLED TILL_OPEN
expect_error 2 generate --list --all
expect_error 2 generate --strict ORDER_SETTLED
expect_error 2 generate -q -v ORDER_SETTLED

# send (port 1 on 127.0.0.1: nothing is ever sent by these)
url=http://127.0.0.1:1/hooks
expect_error 2 send
expect_error 2 send --bogus
expect_error 2 send notaurl x.json
expect_error 2 send ftp://127.0.0.1/ --action ORDER_SETTLED
expect_error 2 send "$url"
expect_error 2 send "$url" "$WORK/missing.json"
expect_error 2 send "$url" --action NOPE
expect_error 2 send "$url" --action ORDER_SETTLED --set nosuch=1
expect_error 2 send "$url" --action ORDER_SETTLED --timeout 5x
expect_error 2 send "$url" --action ORDER_SETTLED --rate -1
expect_error 2 send "$url" --action ORDER_SETTLED -H bad
expect_error 2 send "$url" --action ORDER_SETTLED --basic nocolon
expect_error 2 send "$url" --replay "$WORK/missing.ndjson"
expect_error 2 send "$url" --replay torn.ndjson
expect_error 2 send https://127.0.0.1:1/ --cacert "$WORK/missing.pem" --action ORDER_SETTLED

# listen
expect_error 2 listen --bogus
expect_error 2 listen --port 99999
expect_error 2 listen --delay 5x
expect_error 2 listen --respond 500,bogus
expect_error 2 listen --max-body 1XB
expect_error 2 listen --forward-to notaurl
expect_error 2 listen --events NOPE
expect_error 2 listen --path nosl
expect_error 2 listen --basic nocolon
expect_error 2 listen --status 200 --respond 500
expect_error 2 listen --host 256.1.1.1 --port 0
# a port that is taken
"$FLOWHOOK" listen --port 0 2>"$WORK/listen.err" >/dev/null &
CHILD_PIDS+=($!)
for _ in $(seq 100); do grep -q "^listening on" "$WORK/listen.err" && break; sleep 0.1; done
port=$(sed -nE 's|^listening on http://127\.0\.0\.1:([0-9]+)/$|\1|p' "$WORK/listen.err")
[[ -n "$port" ]] || fail "the listener did not start: $(cat "$WORK/listen.err")"
expect_error 2 listen --port "$port"
finish
