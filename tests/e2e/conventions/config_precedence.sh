#!/usr/bin/env bash
# Option defaults come in layers: the command line wins over the environment (FLOWHOOK_*),
# which wins over the config file (./flowhook.toml, or --config FILE). Shown with send's URL
# (the URL argument, --url, FLOWHOOK_URL, `url` under [send]) and its timeout.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../servers/scripted_server.sh"

start_server --answers 200
base="http://127.0.0.1:$PORT"
PAYLOAD="$FIXTURES/documented/order_settled.json"
mkdir "$WORK/project"
cd "$WORK/project" || exit 1
printf '[send]\nurl = "%s/from-file"\n' "$base" >flowhook.toml
printf '[send]\nurl = "%s/from-explicit-file"\n' "$base" >"$WORK/other.toml"

# send_to WHERE [--config FILE] ARGS...: flowhook [--config FILE] send ARGS delivered the payload
# to path /WHERE.
send_to() {
  local where=$1
  shift
  local config=()
  if [[ $1 == --config ]]; then
    config=("$1" "$2")
    shift 2
  fi
  : >"$SERVER_LOG"
  run "$FLOWHOOK" "${config[@]}" send "$@"
  expect_exit 0
  [[ $(jq -r .path "$SERVER_LOG") == "/$where" ]] ||
    fail "send $*: expected a delivery to /$where, got: $(jq -r .path "$SERVER_LOG") $ERR"
}

unset FLOWHOOK_URL
send_to from-file "$PAYLOAD"
send_to from-explicit-file --config "$WORK/other.toml" "$PAYLOAD"
FLOWHOOK_URL="$base/from-env" send_to from-env "$PAYLOAD"
FLOWHOOK_URL="$base/from-env" send_to from-env --config "$WORK/other.toml" "$PAYLOAD"
FLOWHOOK_URL="$base/from-env" send_to from-argument "$base/from-argument" "$PAYLOAD"
FLOWHOOK_URL="$base/from-env" send_to from-option --url "$base/from-option" "$PAYLOAD"
send_to from-argument --config "$WORK/other.toml" "$base/from-argument" "$PAYLOAD"
# Without a file the environment alone gives the URL; stdin as the first argument.
rm flowhook.toml
FLOWHOOK_URL="$base/from-env" run_stdin "$PAYLOAD" "$FLOWHOOK" send -
expect_exit 0
run "$FLOWHOOK" send "$PAYLOAD"
expect_exit 2
expect_err "no URL"

# The same layers for any option: --timeout from the file, then from the command line.
start_server --answers sleep:1
printf '[send]\nurl = "%s"\ntimeout = "300ms"\nno-retry = true\n' "$URL" >flowhook.toml
run "$FLOWHOOK" send "$PAYLOAD" --format json
expect_exit 1
expect_records '[.[] | select(.type == "outcome") | [.outcome, .attempts, .error]]' '[["gave_up",1,"timeout"]]'
run "$FLOWHOOK" send "$PAYLOAD" --timeout 5s --format json
expect_exit 0

# A key that no option has is an error, not silently ignored.
printf '[send]\nuri = "%s"\n' "$URL" >flowhook.toml
run "$FLOWHOOK" send "$PAYLOAD"
expect_exit 2
finish
