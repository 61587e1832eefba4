#!/usr/bin/env bash
# Throughput and latency of `flowhook listen --record` beside a Node.js receiver doing the same
# work, under wrk. Not a test: run it by hand on a quiet machine and compare the lines.
#   bench/listen/run.sh [BUILD_DIR=build/release] [SECONDS=10] [CONNECTIONS=32]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build/release}
seconds=${2:-10}
connections=${3:-32}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT

measure() {  # NAME URL
  local result
  result=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/post.lua" "$2")
  printf '%-28s %10s req/s  p50 %8s  p99 %8s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$result")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$result")" "$(awk '$1 == "99%" {print $2}' <<<"$result")"
}

listener() {  # NAME ARGS...
  local name=$1
  shift
  "$build/flowhook" listen --port 0 --record "$work/$name.ndjson" "$@" >/dev/null 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 50); do grep -qs listening "$work/$name.err" && break; sleep 0.1; done
  measure "flowhook listen $*" "http://$(sed -nE 's|listening on http://(.*)/$|\1|p' "$work/$name.err")/hooks"
}

listener plain
listener fsync --fsync
listener ndjson --format ndjson
if command -v node >/dev/null; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  node "$here/peer_receiver.js" "$port" "$work/node.ndjson" &
  pids+=($!)
  sleep 0.5
  measure "node peer receiver" "http://127.0.0.1:$port/hooks"
fi
