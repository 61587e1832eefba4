#pragma once
// Base64 (RFC 4648, standard alphabet, padded), for Basic credentials and recorded bodies.

#include <optional>
#include <string>
#include <string_view>

namespace flowhook::util {

std::string base64_encode(std::string_view bytes);

// The decoded bytes, or nullopt when `text` is not padded standard base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace flowhook::util
