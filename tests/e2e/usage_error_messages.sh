#!/usr/bin/env bash
# Usage errors say in plain words what is wrong, in one line, exit 2 and print nothing on
# stdout: a number option out of range names the option, the value and what it must be (never
# CLI11's 300-digit bound); options that undo each other say why; an unreadable --replay file
# says why. Every subcommand uses the same wording for the same kind of mistake.
source "$(dirname "$0")/lib.sh"

url=http://127.0.0.1:1/hooks  # nothing listens there: none of these may send anything

# expect_usage LINE CMD...: CMD exits 2 with exactly LINE (then the --help hint) on stderr.
expect_usage() {
  local line=$1
  shift
  run "$FLOWHOOK" "$@"
  [[ "$STATUS" == 2 ]] || fail "'$*': exit $STATUS, expected 2; stderr: $ERR"
  [[ "$(head -n 1 <<<"$ERR")" == "$line" ]] || fail "'$*': stderr is
$ERR
expected first line:
$line"
  [[ "$(tail -n +2 <<<"$ERR")" =~ ^(Run with --help for usage\.)?$ ]] || fail "'$*': more on stderr: $ERR"
  [[ -z "$OUT" ]] || fail "'$*': a usage error printed on stdout: $OUT"
}

# Numbers, in every subcommand.
expect_usage 'flowhook: validate: --jobs: "0" is not a number of threads from 1 to 256' validate --jobs 0 x.json
expect_usage 'flowhook: validate: --jobs: "four" is not a number of threads from 1 to 256' validate -j four x.json
expect_usage 'flowhook: generate: --count: "0" is not a number of payloads (1 or more)' generate --count 0 ORDER_SETTLED
expect_usage 'flowhook: generate: --seed: "-1" is not a whole number (0 or more)' generate --seed -1 ORDER_SETTLED
expect_usage 'flowhook: generate: --seed: "18446744073709551616" is not a whole number from 0 to 18446744073709551615' \
  generate --seed 18446744073709551616 ORDER_SETTLED
expect_usage 'flowhook: send: --rate: "-1" is not a number of attempts per second (0 or more)' send "$url" -a ORDER_SETTLED --rate -1
expect_usage 'flowhook: send: --rate: "inf" is not a number of attempts per second (0 or more)' send "$url" -a ORDER_SETTLED --rate inf
expect_usage 'flowhook: send: --retries: "-1" is not a number of retries from 0 to 10000' send "$url" -a ORDER_SETTLED --retries -1
expect_usage 'flowhook: send: --concurrency: "0" is not a number of deliveries in flight from 1 to 1024' send "$url" -a ORDER_SETTLED -c 0
expect_usage 'flowhook: send: --duplicate: "2.5" is not a number of copies from 1 to 1000000' send "$url" -a ORDER_SETTLED --duplicate 2.5
expect_usage 'flowhook: send: --seed: "x" is not a whole number (0 or more)' send "$url" -a ORDER_SETTLED --seed x
expect_usage 'flowhook: listen: --fail-first: "x" is not a number of failures from 0 to 1000000' listen --fail-first x
expect_usage 'flowhook: listen: --port: "99999" is not a port number from 0 to 65535' listen --port 99999
expect_usage 'flowhook: listen: --status: "99" is not an HTTP status from 100 to 599' listen --status 99
expect_usage 'flowhook: listen: --exit-after: "-1" is not a number of deliveries (0 or more)' listen --exit-after -1

# Options that undo each other.
expect_usage 'flowhook: send: --no-retry and --retries exclude each other: --no-retry makes a single attempt per payload' \
  send "$url" -a ORDER_SETTLED --no-retry --retries 3
expect_usage 'flowhook: send: --no-retry and --retries exclude each other: --no-retry makes a single attempt per payload' \
  send "$url" -a ORDER_SETTLED --retries 3 --no-retry
expect_usage 'flowhook: send: --no-retry and --backoff exclude each other: --no-retry makes a single attempt per payload, with no wait' \
  send "$url" -a ORDER_SETTLED --no-retry --backoff 2s
expect_usage 'flowhook: send: --no-retry and --max-backoff exclude each other: --no-retry makes a single attempt per payload, with no wait' \
  send "$url" -a ORDER_SETTLED --no-retry --max-backoff 2s
expect_usage 'flowhook: send: --insecure and --cacert exclude each other: --insecure skips the certificate check that --cacert sets up' \
  send https://127.0.0.1:1/ -a ORDER_SETTLED -k --cacert ca.pem
expect_usage 'flowhook: listen: --respond and --fail-first exclude each other: --respond scripts every answer; write the failures into it' \
  listen --respond 500,200 --fail-first 2
expect_usage 'flowhook: listen: --respond and --status exclude each other: --respond scripts every answer, 200 included' \
  listen --respond 500,200 --status 202
expect_usage 'flowhook: listen: --forward-to and --status exclude each other: with --forward-to your app decides the answers' \
  listen --forward-to http://127.0.0.1:1/ --status 500
expect_usage 'flowhook: generate: --list and --all exclude each other: --list prints the catalogue, --all payloads' generate --list --all
for sub in validate generate send; do
  args=(x.json)
  [[ $sub == generate ]] && args=(ORDER_SETTLED)
  [[ $sub == send ]] && args=("$url" -a ORDER_SETTLED)
  expect_usage "flowhook: $sub: --quiet and --verbose exclude each other: give one or neither" "$sub" "${args[@]}" -q -v
done
# The options' sources are named: a value from the config file is not mistaken for one typed.
printf '[send]\nretries = 3\n' >"$WORK/retries.toml"
expect_usage "flowhook: send: --no-retry and retries in $WORK/retries.toml exclude each other: --no-retry makes a single attempt per payload" \
  --config "$WORK/retries.toml" send "$url" -a ORDER_SETTLED --no-retry

# An unreadable --replay file says why, as an unreadable payload file does.
expect_usage "flowhook: send: cannot read --replay file $WORK/missing.ndjson: No such file or directory" \
  send "$url" --replay "$WORK/missing.ndjson"
expect_usage "flowhook: send: cannot read $WORK/missing.json: No such file or directory" send "$url" "$WORK/missing.json"
finish
