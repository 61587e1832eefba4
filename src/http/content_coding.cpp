#include "http/content_coding.hpp"

#include <zlib.h>

#include <algorithm>
#include <vector>

#include "util/text.hpp"

namespace flowhook::http {
namespace {

using util::iequals;

constexpr std::size_t k_chunk = 64 * 1024;  // decoded bytes produced per inflate call, at most
// Each coding may decode up to the whole bound again, so their number bounds the work. Real
// senders apply one; RFC 9110 allows more, two covers "deflate, gzip" style chains.
constexpr std::size_t k_max_codings = 2;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> codings_of(std::string_view value) {
    std::vector<std::string_view> codings;
    while (true) {
        std::size_t comma = value.find(',');
        std::string_view coding = trim(value.substr(0, comma));
        if (!coding.empty() && !iequals(coding, "identity")) codings.push_back(coding);
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return codings;
}

Decoded refusal(Decoded::Outcome outcome, std::string reason) {
    Decoded decoded;
    decoded.outcome = outcome;
    decoded.reason = std::move(reason);
    return decoded;
}

// RFC 9110's "deflate" is the zlib format (RFC 1950), but some senders send raw deflate (RFC
// 1951): a zlib stream starts with a header whose first two bytes are a multiple of 31.
bool has_zlib_header(std::string_view body) {
    if (body.size() < 2) return false;
    auto cmf = static_cast<unsigned char>(body[0]);
    auto flg = static_cast<unsigned char>(body[1]);
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
}

// Inflates `in` (window_bits as zlib's inflateInit2 takes them) into at most `max_size`
// bytes. A gzip body may hold several members one after another (RFC 1952, 2.2).
Decoded inflate_all(std::string_view coding, std::string_view in, int window_bits, std::size_t max_size) {
    z_stream stream{};
    if (inflateInit2(&stream, window_bits) != Z_OK)
        return refusal(Decoded::Outcome::corrupt, "zlib could not start decoding");
    Decoded decoded;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream.avail_in = static_cast<uInt>(in.size());
    bool gzip = window_bits > 15;
    // Output goes through one fixed buffer: growing the body by a whole chunk per call would
    // zero-fill 64 KiB for each of the thousands of empty gzip members a small body can hold.
    std::string chunk(k_chunk, '\0');
    for (;;) {
        // One byte beyond the bound, to notice going over it.
        std::size_t room = std::min(k_chunk, max_size + 1 - decoded.body.size());
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(room);
        int result = inflate(&stream, Z_NO_FLUSH);
        decoded.body.append(chunk.data(), room - stream.avail_out);
        if (decoded.body.size() > max_size) {
            inflateEnd(&stream);
            return refusal(Decoded::Outcome::too_large,
                           "body decoded from " + std::string(coding) + " is over the limit of " +
                               std::to_string(max_size) + " bytes");
        }
        if (result == Z_STREAM_END) {
            if (stream.avail_in == 0) break;
            if (gzip && inflateReset(&stream) == Z_OK) continue;  // the next gzip member
            inflateEnd(&stream);
            return refusal(Decoded::Outcome::corrupt, "bytes after the end of the " + std::string(coding) + " data");
        }
        if (result == Z_OK) continue;
        if (result == Z_BUF_ERROR && stream.avail_out == 0) continue;
        std::string why = result == Z_BUF_ERROR ? "cut short" : stream.msg ? stream.msg : "not valid";
        inflateEnd(&stream);
        return refusal(Decoded::Outcome::corrupt, "the " + std::string(coding) + " body is corrupt (" + why + ")");
    }
    inflateEnd(&stream);
    return decoded;
}

}  // namespace

int Decoded::status() const {
    switch (outcome) {
        case Outcome::ok: return 200;
        case Outcome::too_large: return 413;
        case Outcome::unsupported: return 415;
        case Outcome::corrupt: return 400;
    }
    return 400;
}

bool is_encoded(std::string_view content_encoding) { return !codings_of(content_encoding).empty(); }

Decoded decode_content(std::string_view content_encoding, std::string_view body, std::size_t max_size) {
    std::vector<std::string_view> codings = codings_of(content_encoding);
    if (codings.size() > k_max_codings)
        return refusal(Decoded::Outcome::unsupported,
                       "Content-Encoding lists " + std::to_string(codings.size()) + " codings; at most " +
                           std::to_string(k_max_codings) + " are decoded");
    for (std::string_view coding : codings)
        if (!iequals(coding, "gzip") && !iequals(coding, "x-gzip") && !iequals(coding, "deflate"))
            return refusal(Decoded::Outcome::unsupported,
                           "Content-Encoding " + util::to_valid_utf8(coding) +
                               " is not supported (gzip or deflate only)");
    Decoded decoded;
    decoded.body = std::string(body);
    // The codings are listed in the order they were applied: undo the last one first.
    for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
        bool gzip = !iequals(*it, "deflate");
        int window_bits = gzip ? 15 + 16 : has_zlib_header(decoded.body) ? 15 : -15;
        Decoded step = inflate_all(*it, decoded.body, window_bits, max_size);
        if (step.outcome != Decoded::Outcome::ok) return step;
        decoded.body = std::move(step.body);
    }
    return decoded;
}

}  // namespace flowhook::http
