// Arbitrary bytes as one payload: parse and validate, strict and lenient.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "schema/validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    flowhook::schema::ValidateOptions strict;
    strict.strict = true;
    strict.require = "TILL_CLOSE";
    flowhook::schema::validate_text(text);
    flowhook::schema::validate_text(text, strict);
    return 0;
}
