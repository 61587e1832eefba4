#!/usr/bin/env bash
# A receiver that cannot be reached at all is exit 2, said plainly, with no report; usage
# errors are exit 2 and send nothing.
source "$(dirname "$0")/../lib.sh"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/hooks"
run "$FLOWHOOK" check "$url"
expect_exit 2
[[ "$ERR" == "flowhook: check: connection refused at $url" ]] || fail "stderr: $ERR"
# The same when the first check sends nothing (credentials without --bearer is skipped).
run "$FLOWHOOK" check "$url" --only credentials --only large-body
expect_exit 2
[[ "$ERR" == "flowhook: check: connection refused at $url" ]] || fail "stderr: $ERR"
[[ -z "$OUT" ]] || fail "printed a report: $OUT"

expect_usage_error 'flowhook: check: no URL: give the receiver'"'"'s URL (or --list)' "$FLOWHOOK" check
expect_usage_error 'flowhook: check: --timeout: "fast" is not a duration (e.g. 500ms, 10s, 2m)' "$FLOWHOOK" check "$url" --timeout fast
expect_usage_error 'flowhook: check: --burst: "0" is not a number of deliveries from 1 to 1000' "$FLOWHOOK" check "$url" --burst 0
expect_usage_error 'flowhook: check: --probe-url and --probe exclude each other: the duplicate check reads one probe' \
  "$FLOWHOOK" check "$url" --probe-url "$url" --probe true
expect_usage_error 'flowhook: check: --basic and --bearer together: the platform sends one or the other' \
  "$FLOWHOOK" check "$url" --basic a:b --bearer t
expect_usage_error 'flowhook: check: --cacert is for https:// URLs' "$FLOWHOOK" check "$url" --cacert /etc/hostname
finish
