#!/usr/bin/env bash
# Usage errors say in plain words what is wrong, in one line, exit 2 and print nothing on
# stdout: a number option out of range names the option, the value and what it must be (never
# CLI11's 300-digit bound); options that undo each other say why; an unreadable --replay file
# says why. Every subcommand uses the same wording for the same kind of mistake.
source "$(dirname "$0")/../lib.sh"

url=http://127.0.0.1:1/hooks  # nothing listens there: none of these may send anything

# Numbers, in every subcommand.
expect_usage_error 'flowhook: validate: --jobs: "0" is not a number of threads from 1 to 256' "$FLOWHOOK" validate --jobs 0 x.json
expect_usage_error 'flowhook: validate: --jobs: "four" is not a number of threads from 1 to 256' "$FLOWHOOK" validate -j four x.json
expect_usage_error 'flowhook: generate: --count: "0" is not a number of payloads (1 or more)' "$FLOWHOOK" generate --count 0 ORDER_SETTLED
expect_usage_error 'flowhook: generate: --seed: "-1" is not a whole number (0 or more)' "$FLOWHOOK" generate --seed -1 ORDER_SETTLED
expect_usage_error 'flowhook: generate: --seed: "18446744073709551616" is not a whole number from 0 to 18446744073709551615' \
  "$FLOWHOOK" generate --seed 18446744073709551616 ORDER_SETTLED
expect_usage_error 'flowhook: send: --rate: "-1" is not a number of attempts per second (0 or more)' "$FLOWHOOK" send "$url" -a ORDER_SETTLED --rate -1
expect_usage_error 'flowhook: send: --rate: "inf" is not a number of attempts per second (0 or more)' "$FLOWHOOK" send "$url" -a ORDER_SETTLED --rate inf
expect_usage_error 'flowhook: send: --retries: "-1" is not a number of retries from 0 to 10000' "$FLOWHOOK" send "$url" -a ORDER_SETTLED --retries -1
expect_usage_error 'flowhook: send: --concurrency: "0" is not a number of deliveries in flight from 1 to 1024' "$FLOWHOOK" send "$url" -a ORDER_SETTLED -c 0
expect_usage_error 'flowhook: send: --duplicate: "2.5" is not a number of copies from 1 to 1000000' "$FLOWHOOK" send "$url" -a ORDER_SETTLED --duplicate 2.5
expect_usage_error 'flowhook: send: --seed: "x" is not a whole number (0 or more)' "$FLOWHOOK" send "$url" -a ORDER_SETTLED --seed x
expect_usage_error 'flowhook: listen: --fail-first: "x" is not a number of failures from 0 to 1000000' "$FLOWHOOK" listen --fail-first x
expect_usage_error 'flowhook: listen: --port: "99999" is not a port number from 0 to 65535' "$FLOWHOOK" listen --port 99999
expect_usage_error 'flowhook: listen: --status: "99" is not an HTTP status from 100 to 599' "$FLOWHOOK" listen --status 99
expect_usage_error 'flowhook: listen: --exit-after: "-1" is not a number of deliveries (0 or more)' "$FLOWHOOK" listen --exit-after -1

# Options that undo each other.
expect_usage_error 'flowhook: send: --no-retry and --retries exclude each other: --no-retry makes a single attempt per payload' \
  "$FLOWHOOK" send "$url" -a ORDER_SETTLED --no-retry --retries 3
expect_usage_error 'flowhook: send: --no-retry and --retries exclude each other: --no-retry makes a single attempt per payload' \
  "$FLOWHOOK" send "$url" -a ORDER_SETTLED --retries 3 --no-retry
expect_usage_error 'flowhook: send: --no-retry and --backoff exclude each other: --no-retry makes a single attempt per payload, with no wait' \
  "$FLOWHOOK" send "$url" -a ORDER_SETTLED --no-retry --backoff 2s
expect_usage_error 'flowhook: send: --no-retry and --max-backoff exclude each other: --no-retry makes a single attempt per payload, with no wait' \
  "$FLOWHOOK" send "$url" -a ORDER_SETTLED --no-retry --max-backoff 2s
expect_usage_error 'flowhook: send: --insecure and --cacert exclude each other: --insecure skips the certificate check that --cacert sets up' \
  "$FLOWHOOK" send https://127.0.0.1:1/ -a ORDER_SETTLED -k --cacert ca.pem
expect_usage_error 'flowhook: listen: --respond and --fail-first exclude each other: --respond scripts every answer; write the failures into it' \
  "$FLOWHOOK" listen --respond 500,200 --fail-first 2
expect_usage_error 'flowhook: listen: --respond and --status exclude each other: --respond scripts every answer, 200 included' \
  "$FLOWHOOK" listen --respond 500,200 --status 202
expect_usage_error 'flowhook: listen: --forward-to and --status exclude each other: with --forward-to your app decides the answers' \
  "$FLOWHOOK" listen --forward-to http://127.0.0.1:1/ --status 500
expect_usage_error 'flowhook: generate: --list and --all exclude each other: --list prints the catalogue, --all payloads' "$FLOWHOOK" generate --list --all
for sub in validate generate send; do
  args=(x.json)
  [[ $sub == generate ]] && args=(ORDER_SETTLED)
  [[ $sub == send ]] && args=("$url" -a ORDER_SETTLED)
  expect_usage_error "flowhook: $sub: --quiet and --verbose exclude each other: give one or neither" "$FLOWHOOK" "$sub" "${args[@]}" -q -v
done
expect_usage_error 'flowhook: send: --no-retry and --no-jitter exclude each other: --no-retry makes a single attempt per payload, with no wait' \
  "$FLOWHOOK" send "$url" -a ORDER_SETTLED --no-retry --no-jitter
# Options that mean nothing without another.
expect_usage_error 'flowhook: listen: --fsync needs --record: it makes each record durable before the answer' "$FLOWHOOK" listen --fsync
expect_usage_error 'flowhook: listen: --forward-timeout needs --forward-to: it bounds the wait for the app' \
  "$FLOWHOOK" listen --forward-timeout 5s
expect_usage_error 'flowhook: generate: --strict needs --schema: it makes the schema forbid unknown fields' \
  "$FLOWHOOK" generate --strict ORDER_SETTLED
# The options' sources are named: a value from the config file is not mistaken for one typed.
printf '[send]\nretries = 3\n' >"$WORK/retries.toml"
expect_usage_error "flowhook: send: --no-retry and retries in $WORK/retries.toml exclude each other: --no-retry makes a single attempt per payload" \
  "$FLOWHOOK" --config "$WORK/retries.toml" send "$url" -a ORDER_SETTLED --no-retry

# A flag the config file sets to false was not given.
printf '[send]\nno-retry = false\n' >"$WORK/retry.toml"
run "$FLOWHOOK" --config "$WORK/retry.toml" send --dry-run "$url" -a ORDER_SETTLED --retries 3
expect_exit 0
printf '[validate]\nquiet = true\n' >"$WORK/quiet.toml"
expect_usage_error "flowhook: validate: quiet in $WORK/quiet.toml and --verbose exclude each other: give one or neither" \
  "$FLOWHOOK" --config "$WORK/quiet.toml" validate -v x.json

# An unreadable --replay file says why, as an unreadable payload file does.
expect_usage_error "flowhook: send: cannot read --replay file $WORK/missing.ndjson: No such file or directory" \
  "$FLOWHOOK" send "$url" --replay "$WORK/missing.ndjson"
expect_usage_error "flowhook: send: cannot read $WORK/missing.json: No such file or directory" "$FLOWHOOK" send "$url" "$WORK/missing.json"
finish
