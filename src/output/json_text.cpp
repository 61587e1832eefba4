#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "output/json_writer.hpp"

namespace flowhook::output {
namespace {

// For each byte: 0, or the letter after the backslash that escapes it ('u': \u00XX).
constexpr std::array<char, 256> k_escapes = [] {
    std::array<char, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[c] = 'u';
    table['\b'] = 'b';
    table['\f'] = 'f';
    table['\n'] = 'n';
    table['\r'] = 'r';
    table['\t'] = 't';
    table['"'] = '"';
    table['\\'] = '\\';
    return table;
}();

using Bytes16 = unsigned char __attribute__((vector_size(16)));  // GCC's portable vectors

// How many bytes of `text` need escaping: control characters, and quotes and backslashes.
struct Specials {
    std::size_t controls = 0;
    std::size_t others = 0;
};

// Counted sixteen bytes at a time: this count sizes the escaped string exactly, and a byte at
// a time it cost as much as the escaping.
Specials count_specials(std::string_view text) {
    Specials count;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t left = text.size();
    while (left >= 16) {
        Bytes16 controls{}, others{};  // per lane, at most 255 blocks before they are summed
        std::size_t blocks = std::min<std::size_t>(left / 16, 255);
        for (std::size_t b = 0; b < blocks; ++b, p += 16) {
            Bytes16 v;
            std::memcpy(&v, p, sizeof v);
            controls -= reinterpret_cast<Bytes16>(v < 0x20);
            others -= reinterpret_cast<Bytes16>((v == '"') | (v == '\\'));
        }
        for (int lane = 0; lane < 16; ++lane) {
            count.controls += controls[lane];
            count.others += others[lane];
        }
        left -= blocks * 16;
    }
    for (; left > 0; --left, ++p) {
        if (*p < 0x20)
            ++count.controls;
        else if (*p == '"' || *p == '\\')
            ++count.others;
    }
    return count;
}

// The size of `text` escaped, quotes not counted.
std::size_t escaped_size(std::string_view text) {
    Specials specials = count_specials(text);
    std::size_t size = text.size() + specials.others;
    if (specials.controls == 0) return size;
    for (char c : text) {
        char escape = k_escapes[static_cast<unsigned char>(c)];
        if (c >= 0 && c < 0x20) size += escape == 'u' ? 5 : 1;
    }
    return size;
}

char* write_unicode_escape(char* out, unsigned char c) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::memcpy(out, "\\u00", 4);
    out[4] = k_hex[c >> 4];
    out[5] = k_hex[c & 15];
    return out + 6;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    // Sized exactly first, then filled without a branch per byte: in compact JSON every fifth
    // byte or so is a quote, too often for copying the runs between escapes one at a time.
    constexpr std::size_t k_slack = 1;  // each byte writes its escape letter after it, maybe past the end
    std::size_t start = out.size();
    std::size_t size = escaped_size(text) + 2;
    out.resize(start + size + k_slack);
    char* d = out.data() + start;
    *d++ = '"';
    for (char c : text) {
        char escape = k_escapes[static_cast<unsigned char>(c)];
        if (escape == 'u') [[unlikely]] {
            d = write_unicode_escape(d, static_cast<unsigned char>(c));
            continue;
        }
        // The byte (or the backslash) and then the escape letter, which the next byte overwrites
        // when there is none; one store of both.
        auto first = static_cast<unsigned char>(escape ? '\\' : c);
        auto pair = static_cast<std::uint16_t>(first | static_cast<unsigned>(static_cast<unsigned char>(escape)) << 8);
        std::memcpy(d, &pair, sizeof pair);
        d += 1 + (escape != 0);
    }
    *d = '"';
    out.resize(start + size);
}

void append_json_on_one_line(std::string& out, std::string_view json) {
    const char* p = json.data();
    const char* end = p + json.size();
    while (p != end) {
        auto* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        const char* line_end = newline ? newline : end;
        while (auto* cr = static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(line_end - p)))) {
            out.append(p, static_cast<std::size_t>(cr - p));
            p = cr + 1;
        }
        out.append(p, static_cast<std::size_t>(line_end - p));
        p = newline ? newline + 1 : end;
    }
}

}  // namespace flowhook::output
