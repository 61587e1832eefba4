#pragma once
// Content-Encoding of request bodies (RFC 9110, 8.4): gzip and deflate are decoded with zlib,
// within a bound on the decoded size, so a small compressed body cannot grow into a large
// allocation (a "gzip bomb"); any other coding is refused.

#include <cstddef>
#include <string>
#include <string_view>

namespace flowhook::http {

// The body after undoing its content codings, or why it could not be.
struct Decoded {
    enum class Outcome { ok, too_large, unsupported, corrupt };
    Outcome outcome = Outcome::ok;
    std::string body;    // ok: the decoded bytes
    std::string reason;  // otherwise: one line, for the answer and the log
    // The HTTP status for a refusal: 413 too large, 415 unsupported, 400 corrupt.
    int status() const;
};

// Whether a Content-Encoding value asks for any decoding ("identity" and "" do not).
bool is_encoded(std::string_view content_encoding);

// Undoes `content_encoding` (a list such as "gzip" or "deflate, gzip", applied in that order)
// on `body`. The decoded size never exceeds `max_size`: decoding stops at the first byte
// beyond it (too_large). Codings other than gzip (x-gzip), deflate (zlib or raw) and identity,
// and more than two codings, are `unsupported`; damaged data, or bytes after the end of the compressed data, `corrupt`.
Decoded decode_content(std::string_view content_encoding, std::string_view body, std::size_t max_size);

// The Accept-Encoding value naming what decode_content undoes.
inline constexpr const char* k_accepted_encodings = "gzip, deflate";

}  // namespace flowhook::http
