#include "util/units.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace flowhook::util {
namespace {

struct Unit {
    std::string_view suffix;
    double factor;
};

// Splits "12.5ms" into 12.5 and "ms"; nullopt when the number part is missing or negative.
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text) {
    std::size_t end = 0;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.'))
        ++end;
    if (end == 0) return std::nullopt;
    double number = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, number);
    if (ec != std::errc{} || ptr != text.data() + end || !std::isfinite(number)) return std::nullopt;
    std::string_view unit = text.substr(end);
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    return std::pair{number, unit};
}

template <std::size_t N>
std::optional<double> scale(std::string_view text, const Unit (&units)[N]) {
    auto split = split_number(text);
    if (!split) return std::nullopt;
    for (const Unit& unit : units)
        if (unit.suffix == split->second) return split->first * unit.factor;
    return std::nullopt;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
    static constexpr Unit k_units[] = {{"", 1000},     {"ms", 1},         {"s", 1000},
                                       {"m", 60000},   {"min", 60000},    {"h", 3600000}};
    auto ms = scale(text, k_units);
    if (!ms || *ms > 1e12) return std::nullopt;
    return Duration(static_cast<Duration::rep>(std::llround(*ms)));
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    static constexpr Unit k_units[] = {
        {"", 1},          {"B", 1},          {"KB", 1e3},        {"MB", 1e6},
        {"GB", 1e9},      {"K", 1024.0},     {"KiB", 1024.0},    {"M", 1048576.0},
        {"MiB", 1048576.0}, {"G", 1073741824.0}, {"GiB", 1073741824.0}};
    auto bytes = scale(text, k_units);
    if (!bytes || *bytes > 1e18) return std::nullopt;
    return static_cast<std::uint64_t>(std::llround(*bytes));
}

std::string format_duration(Duration duration) {
    auto ms = duration.count();
    char text[32];
    if (ms < 1000)
        std::snprintf(text, sizeof text, "%lldms", static_cast<long long>(ms));
    else if (ms < 60000)
        std::snprintf(text, sizeof text, "%.3gs", static_cast<double>(ms) / 1000.0);
    else
        std::snprintf(text, sizeof text, "%.3gm", static_cast<double>(ms) / 60000.0);
    return text;
}

std::string format_size(std::uint64_t bytes) {
    static constexpr const char* k_names[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(k_names)) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.3g %s", value, k_names[unit]);
    return text;
}

}  // namespace flowhook::util
