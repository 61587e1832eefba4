-- wrk script for bench/run: POSTs the payload in the file named by BENCH_PAYLOAD on every
-- request, and prints one machine-readable line at the end (rates and latency in microseconds).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(assert(os.getenv("BENCH_PAYLOAD"), "BENCH_PAYLOAD not set"), "rb"))
wrk.body = file:read("*a"):gsub("%s+$", "")
file:close()

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
