#!/usr/bin/env bash
# A port that cannot be bound is exit 2 with a message naming it.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

start_listener first
run "$FLOWHOOK" listen --port "$PORT"
expect_exit 2
expect_err "flowhook: listen: cannot listen on 127.0.0.1:$PORT"
run "$FLOWHOOK" listen --port 70000
expect_exit 2
finish
