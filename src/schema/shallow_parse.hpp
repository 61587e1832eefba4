#pragma once

#include <cstddef>
#include <string_view>

#include <rapidjson/document.h>

namespace flowhook::schema {

// Parses `text`, which must be valid UTF-8, into `document` when it is JSON nesting at most
// `levels` arrays and objects deep, and says whether it did. It uses RapidJSON's recursive
// parser, a fifth faster than the iterative one on large bodies, but stops at the first value
// deeper than `levels`, so its stack grows with `levels`, never with the text. On false,
// `document` is unspecified: the caller parses the text again iteratively, which takes any
// depth and reports the error.
bool parse_shallow(std::string_view text, rapidjson::Document& document, std::size_t levels);

}  // namespace flowhook::schema
