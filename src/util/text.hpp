#pragma once
// Bytes that may not be text: UTF-8 checks and repair, for records of raw input; ASCII
// case-insensitive comparison, for header names.

#include <string>
#include <string_view>

namespace flowhook::util {

// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// Length of the well-formed UTF-8 sequence that starts `bytes` (1 to 4), or 0 when it is
// ill-formed or cut short; 0 for empty `bytes`.
std::size_t utf8_sequence_length(std::string_view bytes);

// `bytes` with every ill-formed sequence replaced by U+FFFD, so it can go into JSON. With a
// `limit`, only the sequences that start in its first `limit` bytes (a character is never cut
// in two), for the start of a long text.
std::string to_valid_utf8(std::string_view bytes,
                          std::size_t limit = std::string_view::npos);

// Whether `a` and `b` are equal ignoring ASCII case (header names, schemes).
bool iequals(std::string_view a, std::string_view b);

}  // namespace flowhook::util
