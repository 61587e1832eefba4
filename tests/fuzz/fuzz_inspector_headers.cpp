// Arbitrary bytes as the header values the inspector judges (Host, Origin, Cookie,
// Last-Event-ID) and the query it reads: never a crash, an overrun or a hang; what is accepted
// is consistent (an allowed Host parses, a matching Origin names a host that parses).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "listen/inspector/guard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace flowhook::listen::inspector;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // The first line is one value, the rest another: Origin against Host, a Host against a bound
    // address.
    std::size_t newline = text.find('\n');
    std::string_view first = text.substr(0, newline);
    std::string_view second = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    auto host = host_of(text);
    if (host && host->size() > text.size()) __builtin_trap();
    is_loopback(text);
    if (host_allowed(first, second) && !host_of(first)) __builtin_trap();
    if (origin_matches(first, second) && !host_of(second)) __builtin_trap();
    if (auto value = cookie_value(text, "flowhook_token"); value && value->size() > text.size()) __builtin_trap();
    query_value(text, "token");
    // An id parsed is this run's: the text begins with the run and a dash (after blanks).
    if (auto id = last_event_id(text, "ab12"); id && (*id > 9223372036854775807ull || text.find("ab12-") == std::string_view::npos))
        __builtin_trap();
    last_event_id(first, second);
    same_secret(first, second);
    return 0;
}
