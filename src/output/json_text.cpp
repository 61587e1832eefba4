#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// How many bytes of `text` escape to two bytes (quotes, backslashes, \n and the other
// letter escapes), and how many to six (the other control characters, \u00XX).
struct Specials {
    std::size_t short_escapes = 0;
    std::size_t long_escapes = 0;
};

// Counted sixteen bytes at a time: this count sizes the escaped string exactly, and a byte at
// a time it cost as much as the escaping.
Specials count_specials(std::string_view text) {
    Specials count;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t left = text.size();
    while (left >= 16) {
        Bytes16 shorts{}, longs{};  // per lane, at most 255 blocks before they are summed
        std::size_t blocks = std::min<std::size_t>(left / 16, 255);
        for (std::size_t b = 0; b < blocks; ++b, p += 16) {
            Bytes16 v;
            std::memcpy(&v, p, sizeof v);
            // \b \t \n \f \r are 8, 9, 10, 12 and 13.
            auto letter = ((v >= '\b') & (v <= '\r') & (v != 0x0b));
            shorts -= reinterpret_cast<Bytes16>((v == '"') | (v == '\\') | letter);
            longs -= reinterpret_cast<Bytes16>((v < 0x20) & ~letter);
        }
        for (int lane = 0; lane < 16; ++lane) {
            count.short_escapes += shorts[lane];
            count.long_escapes += longs[lane];
        }
        left -= blocks * 16;
    }
    for (; left > 0; --left, ++p) {
        char escape = k_escapes[*p];
        if (escape == 'u')
            ++count.long_escapes;
        else if (escape)
            ++count.short_escapes;
    }
    return count;
}

// The size of `text` escaped, quotes not counted.
std::size_t escaped_size(std::string_view text) {
    Specials specials = count_specials(text);
    return text.size() + specials.short_escapes + 5 * specials.long_escapes;
}

char* write_unicode_escape(char* out, unsigned char c) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::memcpy(out, "\\u00", 4);
    out[4] = k_hex[c >> 4];
    out[5] = k_hex[c & 15];
    return out + 6;
}

// How far past the escaped text the writers below may store: a whole block, or a byte's
// escape letter.
constexpr std::size_t k_escape_slack = 16;

// Writes `c` escaped at `d`. The byte (or the backslash) and then the escape letter, which the
// next byte overwrites when there is none, go in one store.
inline char* escape_byte(char c, char* d) {
    char escape = k_escapes[static_cast<unsigned char>(c)];
    if (escape == 'u') [[unlikely]]
        return write_unicode_escape(d, static_cast<unsigned char>(c));
    auto first = static_cast<unsigned char>(escape ? '\\' : c);
    auto pair = static_cast<std::uint16_t>(first | static_cast<unsigned>(static_cast<unsigned char>(escape)) << 8);
    std::memcpy(d, &pair, sizeof pair);
    return d + 1 + (escape != 0);
}

#if defined(__SSE2__)
// Escapes `p` while at least two blocks of sixteen bytes are left, leaving `p` after the last
// one done. A block without a byte to escape is stored whole; in one with some, the run before
// each is stored whole too (its tail is overwritten next), then the escape. In compact JSON
// every fifth byte or so is a quote: a step per byte was a fifth of what a 1 MB delivery cost.
char* escape_runs(const char*& p, const char* end, char* d) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1f);
    auto load = [](const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); };
    auto store = [](char* at, __m128i bytes) { _mm_storeu_si128(reinterpret_cast<__m128i*>(at), bytes); };
    for (; end - p >= 32; p += 16) {
        __m128i block = load(p);
        __m128i specials = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)),
                                        _mm_cmpeq_epi8(_mm_min_epu8(block, last_control), block));
        auto mask = static_cast<unsigned>(_mm_movemask_epi8(specials));
        unsigned done = 0;  // bytes of the block written
        for (; mask != 0; mask &= mask - 1) {
            auto at = static_cast<unsigned>(__builtin_ctz(mask));
            store(d, load(p + done));
            d = escape_byte(p[at], d + (at - done));
            done = at + 1;
        }
        store(d, load(p + done));  // reads into the next block, which is there
        d += 16 - done;
    }
    return d;
}
#else
char* escape_runs(const char*&, const char*, char* d) { return d; }
#endif

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    // Sized exactly first, then filled a block at a time, the tail a byte at a time.
    std::size_t start = out.size();
    std::size_t size = escaped_size(text) + 2;
    out.resize(start + size + k_escape_slack);
    char* d = out.data() + start;
    *d++ = '"';
    const char* p = text.data();
    const char* end = p + text.size();
    d = escape_runs(p, end, d);
    for (; p != end; ++p) d = escape_byte(*p, d);
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
