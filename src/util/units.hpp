#pragma once
// Durations and sizes as people type them: "500ms", "10s", "2m", "1h"; "64KiB", "1MiB", "1MB".
// One syntax for every option of every subcommand.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowhook::util {

using Duration = std::chrono::milliseconds;

// Parses a duration: a non-negative number with a unit (ms, s, m, h); a bare number means
// seconds. Returns nullopt on anything else.
std::optional<Duration> parse_duration(std::string_view text);

// Parses a size in bytes: a number with an optional unit (B, KB, MB, GB = powers of 1000;
// KiB, MiB, GiB = powers of 1024; K, M, G = powers of 1024). nullopt on anything else.
std::optional<std::uint64_t> parse_size(std::string_view text);

// "1.5s", "250ms", "2m" as a person reads it.
std::string format_duration(Duration duration);

// "1 MiB", "512 B".
std::string format_size(std::uint64_t bytes);

}  // namespace flowhook::util
