#include "delivery/attempt_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "util/terminal.hpp"
#include "util/text.hpp"

namespace flowhook::delivery {

double milliseconds(http::Latency latency) { return static_cast<double>(latency.count()) / 1000.0; }

namespace {
constexpr std::size_t k_min_snippet_columns = 8;  // on a terminal, less is left out
}  // namespace

std::string printable_prefix(std::string_view text, std::size_t limit,
                             std::optional<std::size_t> columns) {
    std::string out;
    std::size_t used = 0;
    bool cut = text.size() > limit;
    std::size_t room = columns ? (*columns > 3 ? *columns - 3 : 0) : 0;
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        std::string unit;
        char escaped[8];
        if (c == '\n')
            unit = "\\n";
        else if (c == '\r')
            unit = "\\r";
        else if (c == '"' || c == '\\')
            (unit += '\\') += static_cast<char>(c);
        else if (c >= 0x20 && c < 0x7f)
            unit = static_cast<char>(c);
        else if (std::size_t n = c >= 0x80 ? util::utf8_sequence_length(text.substr(i)) : 0;
                 n > 1) {
            unit = text.substr(i, n);
            i += n - 1;
        } else {
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            unit = escaped;
        }
        std::size_t width = util::text_columns(unit);
        if (columns && used + width > room) {
            // The rest fits only if this is the last unit and no "..." is needed.
            bool last = i + 1 >= text.size() && !cut;
            if (!(last && used + width <= *columns)) {
                cut = true;
                break;
            }
        }
        out += unit;
        used += width;
    }
    if (cut) out += "...";
    return out;
}

std::string describe_attempt(const http::Attempt& attempt, std::size_t body_bytes,
                             std::optional<std::size_t> columns) {
    if (attempt.failure)
        return std::string(http::failure_name(attempt.failure->kind)) + " (" +
               attempt.failure->detail + ") after " + format_latency(attempt.latency);
    const http::Reply& answer = *attempt.answer;
    std::string text = std::to_string(answer.status) +
                       (answer.reason.empty() ? "" : " " + answer.reason) + " in " +
                       format_latency(attempt.latency);
    if (!answer.location.empty()) text += "  Location: " + printable_prefix(answer.location, 200);
    if (!answer.body_size) return text;
    if (!columns) return text + "  \"" + printable_prefix(answer.body_start, body_bytes) + "\"";
    // The snippet takes what is left of the columns, with its two spaces and quotes.
    std::size_t used = util::text_columns(text) + 4;
    if (*columns < used + k_min_snippet_columns) return text;
    return text + "  \"" + printable_prefix(answer.body_start, body_bytes, *columns - used) + "\"";
}

std::optional<LatencyStats> latency_stats(std::vector<http::Latency> latencies) {
    if (latencies.empty()) return std::nullopt;
    std::sort(latencies.begin(), latencies.end());
    auto rank = [&](double p) {
        auto index = static_cast<std::size_t>(
            std::max(1.0, std::ceil(p * static_cast<double>(latencies.size()))));
        return latencies[index - 1];
    };
    return LatencyStats{latencies.front(), rank(0.50), rank(0.90), rank(0.99), latencies.back()};
}

std::string format_latency(http::Latency latency) {
    char text[32];
    double ms = milliseconds(latency);
    if (ms < 10)
        std::snprintf(text, sizeof text, "%.1fms", ms);
    else if (ms < 1000)
        std::snprintf(text, sizeof text, "%.0fms", ms);
    else
        std::snprintf(text, sizeof text, "%.2fs", ms / 1000);
    return text;
}

}  // namespace flowhook::delivery
