#!/usr/bin/env bash
# kill -9 while `flowhook send --concurrency 32` delivers to `listen --record --fsync` (group
# commit): every delivery answered 2xx is whole in the record file, once, and every line but at
# most a torn last one is a complete JSON record.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../helpers/listen.sh"

kill9_under_load --fsync -q
finish
