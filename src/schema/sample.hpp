#pragma once
// Sample payloads built from the catalogue: the platform's documented example by default,
// or realistic random values; fields can be overridden with PATH=VALUE assignments.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.hpp"

namespace flowhook::schema {

struct SampleOptions {
    bool random = false;              // varied values instead of the documented example
    std::uint64_t seed = 0;           // with random: the same seed gives the same bytes
    std::vector<std::string> sets;    // "order.Id=42", "date=2026-01-31"
    bool allow_unknown = false;       // a set may add a field the catalogue does not know
    bool pretty = true;               // indented JSON, otherwise one line
};

// Makes sample payloads; successive calls with random values continue one random sequence.
class SampleMaker {
public:
    // Throws std::invalid_argument with a message naming the assignment when a set is
    // malformed, names an unknown path (without allow_unknown) or has the wrong type.
    explicit SampleMaker(SampleOptions options);
    ~SampleMaker();
    SampleMaker(SampleMaker&&) noexcept;
    SampleMaker& operator=(SampleMaker&&) noexcept;

    // The payload of `action`, spelled as `action.spelling`, as JSON text.
    std::string make(const ActionMatch& action);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace flowhook::schema
