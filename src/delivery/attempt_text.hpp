#pragma once
// One attempt, and latencies, as a person reads them: the same words in send's report, its -v
// log and check's verdicts.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/client.hpp"

namespace flowhook::delivery {

// "0.8ms", "12ms", "1.25s".
std::string format_latency(http::Latency latency);

// A latency in milliseconds, for JSON reports.
double milliseconds(http::Latency latency);

// The start of an answer body on one line, at most `limit` bytes of it: control characters
// and stray bytes escaped, quotes and backslashes escaped, "..." when it was cut.
std::string printable_prefix(std::string_view text, std::size_t limit);

// One attempt for a person: "500 Internal Server Error in 1.2ms  \"{...}\"" (the first
// `body_bytes` of the answer), or "timeout (...) after 10.00s".
std::string describe_attempt(const http::Attempt& attempt, std::size_t body_bytes = 60);

// Latency percentiles (nearest rank).
struct LatencyStats {
    http::Latency min{0}, p50{0}, p90{0}, p99{0}, max{0};
};
// nullopt when `latencies` is empty.
std::optional<LatencyStats> latency_stats(std::vector<http::Latency> latencies);

}  // namespace flowhook::delivery
