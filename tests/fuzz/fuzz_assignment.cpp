// Arbitrary text as a --set PATH=VALUE: parse it, type it by the catalogue, and apply it to a
// sample payload when it is valid.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "schema/assignment.hpp"
#include "schema/catalog.hpp"
#include "schema/sample.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto assignment = flowhook::schema::parse_assignment(text);
    if (!assignment) return 0;
    for (bool allow_unknown : {false, true}) {
        auto resolved = flowhook::schema::resolve_assignment(assignment.value(), text, allow_unknown);
        if (!resolved) continue;
        flowhook::schema::SampleOptions options;
        options.sets.emplace_back(text);
        options.allow_unknown = allow_unknown;
        try {
            flowhook::schema::SampleMaker maker(options);
            maker.make(*flowhook::schema::find_action("TILL_CLOSED"));
        } catch (const std::invalid_argument&) {
            // an assignment that does not fit this action is reported, not a crash
        }
    }
    return 0;
}
