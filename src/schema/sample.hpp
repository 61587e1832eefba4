#pragma once
// Sample payloads built from the catalogue: the platform's documented example by default,
// or realistic random values; fields can be overridden with PATH=VALUE assignments.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schema/assignment.hpp"
#include "schema/catalog.hpp"

namespace flowhook::schema {

struct SampleOptions {
    bool random = false;            // varied values instead of the documented example
    std::uint64_t seed = 0;         // with random: the same seed gives the same bytes
    std::vector<std::string> sets;  // "order.Id=42", "date=2026-01-31"
    bool allow_unknown = false;     // a set may add a field the catalogue does not know
    bool pretty = true;             // indented JSON, otherwise one line
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
    // The same, appended to `out`: no allocation once `out` has grown, for long runs.
    void append(const ActionMatch& action, std::string& out);

    // Throws std::invalid_argument naming a set that none of `actions` carries, since it
    // would change nothing (e.g. "date=..." without a till event).
    void check_sets_apply(const std::vector<ActionMatch>& actions) const;

    // Linked events (scenarios): while sharing, each reference and the date keep the first
    // value made for them, so every event names the same tenant, store, order...
    void share_values(bool on);
    // While sharing: the next payload that carries `field` makes a new value for it (the
    // next product sold), which is then kept.
    void renew(std::string_view field);
    // A number in [low, high] from the maker's random sequence (with a seed, reproducible).
    std::uint64_t draw(std::uint64_t low, std::uint64_t high);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace flowhook::schema
