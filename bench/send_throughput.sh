#!/usr/bin/env bash
# Throughput of flowhook send against a fast local receiver, side by side with curl as a peer
# keep-alive sender. Not a test: run it by hand on an idle machine, with a release build.
#   bash bench/send_throughput.sh [PAYLOADS] [CONCURRENCY]
# FLOWHOOK names the binary (default build/release/flowhook).
set -euo pipefail
cd "$(dirname "$0")/.."
payloads=${1:-20000}
concurrency=${2:-16}
flowhook=${FLOWHOOK:-build/release/flowhook}
work=$(mktemp -d)
receiver_pid=
cleanup() {
  [[ -n "$receiver_pid" ]] && kill "$receiver_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

python3 bench/fast_receiver.py >"$work/port" &
receiver_pid=$!
until [[ -s "$work/port" ]]; do sleep 0.05; done
url="http://127.0.0.1:$(cat "$work/port")/hooks"

payload=$(jq -c . tests/fixtures/documented/order_settled.json)
for ((i = 0; i < payloads; i++)); do printf '%s\n' "$payload"; done >"$work/payloads.ndjson"
printf '%s' "$payload" >"$work/payload.json"
for ((i = 0; i < payloads; i++)); do
  ((i)) && echo next  # options apply per URL
  printf 'url = "%s"\ndata-binary = "@%s"\nheader = "Content-Type: application/json"\noutput = "/dev/null"\nsilent\n' \
    "$url" "$work/payload.json"
done >"$work/curl.config"

seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$@"; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$@"; }

start=$(date +%s.%N)
timeout 300 "$flowhook" send "$url" "$work/payloads.ndjson" --concurrency "$concurrency" --quiet \
  --format json >"$work/flowhook.json"
flowhook_s=$(seconds "$start" "$(date +%s.%N)")

start=$(date +%s.%N)
timeout 300 curl --no-progress-meter --parallel --parallel-max "$concurrency" -K "$work/curl.config" 2>"$work/curl.err"
curl_s=$(seconds "$start" "$(date +%s.%N)")

echo "payloads: $payloads, concurrency: $concurrency, receiver: bench/fast_receiver.py"
printf '%-10s %8s s %8s req/s\n' flowhook "$flowhook_s" "$(rate "$payloads" "$flowhook_s")" \
  curl "$curl_s" "$(rate "$payloads" "$curl_s")"
jq -c 'select(.type == "summary") | {delivered, attempts, latency_ms}' "$work/flowhook.json"
