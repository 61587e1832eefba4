// Arbitrary text as a duration and as a size.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/units.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto duration = flowhook::util::parse_duration(text))
        flowhook::util::format_duration(*duration);
    if (auto bytes = flowhook::util::parse_size(text)) flowhook::util::format_size(*bytes);
    return 0;
}
