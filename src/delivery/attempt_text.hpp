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
// and stray bytes escaped, quotes and backslashes escaped, "..." when it was cut; with
// `columns`, also at most that many columns ("..." included), cut between characters and
// escapes, never inside one.
std::string printable_prefix(std::string_view text, std::size_t limit,
                             std::optional<std::size_t> columns = std::nullopt);

// Bytes of an answer's body on a line of send's report.
inline constexpr std::size_t k_snippet_bytes = 60;

// One attempt for a person: "500 Internal Server Error in 1.2ms  \"{...}\"" (the first
// `body_bytes` of the answer; a 3xx adds its Location), or "timeout (...) after 10.00s". With
// `columns` (on a terminal), the answer's snippet is cut to fit that many columns, or left out
// when too few are left for it.
std::string describe_attempt(const http::Attempt& attempt, std::size_t body_bytes = k_snippet_bytes,
                             std::optional<std::size_t> columns = std::nullopt);

// Latency percentiles (nearest rank).
struct LatencyStats {
    http::Latency min{0}, p50{0}, p90{0}, p99{0}, max{0};
};
// nullopt when `latencies` is empty.
std::optional<LatencyStats> latency_stats(std::vector<http::Latency> latencies);

}  // namespace flowhook::delivery
