#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace flowhook::util {

std::size_t utf8_sequence_length(std::string_view bytes) {
    if (bytes.empty()) return 0;
    auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    unsigned char lead = at(0);
    if (lead < 0x80) return 1;
    std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
    if (length == 0 || lead > 0xf4 || bytes.size() < length) return 0;
    for (std::size_t i = 1; i < length; ++i)
        if ((at(i) & 0xc0) != 0x80) return 0;
    if (lead == 0xe0 && at(1) < 0xa0) return 0;   // overlong
    if (lead == 0xed && at(1) > 0x9f) return 0;   // surrogate
    if (lead == 0xf0 && at(1) < 0x90) return 0;   // overlong
    if (lead == 0xf4 && at(1) > 0x8f) return 0;   // past U+10FFFF
    return length;
}

bool is_valid_utf8(std::string_view bytes) {
    while (!bytes.empty()) {
        // Eight ASCII bytes at a time: a delivery of JSON is nearly all ASCII, and a byte at a
        // time was a fifth of the listener's work on a 1 MB body.
        while (bytes.size() >= 8) {
            std::uint64_t block;
            std::memcpy(&block, bytes.data(), sizeof block);
            if (block & 0x8080808080808080ull) break;
            bytes.remove_prefix(8);
        }
        if (bytes.empty()) break;
        std::size_t n = utf8_sequence_length(bytes);
        if (n == 0) return false;
        bytes.remove_prefix(n);
    }
    return true;
}

std::string to_valid_utf8(std::string_view bytes, std::size_t limit) {
    std::string out;
    out.reserve(std::min(bytes.size(), limit));
    for (std::size_t start = 0; !bytes.empty() && start < limit;) {
        std::size_t n = utf8_sequence_length(bytes);
        if (n == 0) {
            out += "\xef\xbf\xbd";
            n = 1;
        } else {
            out.append(bytes.data(), n);
        }
        bytes.remove_prefix(n);
        start += n;
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace flowhook::util
