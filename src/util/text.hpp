#pragma once
// Bytes that may not be text: UTF-8 checks, repair and base64, for records of raw input.

#include <string>
#include <string_view>

namespace flowhook::util {

// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// `bytes` with every ill-formed sequence replaced by U+FFFD, so it can go into JSON.
std::string to_valid_utf8(std::string_view bytes);

// Whether `a` and `b` are equal ignoring ASCII case (header names, schemes).
bool iequals(std::string_view a, std::string_view b);

// Standard base64 (RFC 4648) with padding.
std::string base64(std::string_view bytes);

}  // namespace flowhook::util
