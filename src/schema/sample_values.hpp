#pragma once
// Realistic random field values for sample payloads, in the styles the platform uses.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "schema/random.hpp"

namespace flowhook::schema {

// A reference's value: {"Id": id, "Uid": uid}. The Uid lives in a fixed buffer so that a
// million payloads make no allocation.
struct ReferenceValue {
    std::int64_t id = 0;
    char uid[64] = {};
    std::size_t uid_size = 0;

    std::string_view uid_text() const { return {uid, uid_size}; }
    void set_uid(std::string_view text);  // cut to the buffer's size
};

// A calendar date "YYYY-MM-DD".
struct DateValue {
    char text[10] = {};
    std::string_view view() const { return {text, sizeof text}; }
};

// A positive Id: mostly up to 7 digits, sometimes a large one (receivers that store Ids in
// 32 bits should meet one), never above 2^53 so JavaScript receivers read it exactly.
std::int64_t random_id(Random& random);

// A Uid for `reference` in one of the platform's styles: a number as text ("700"), a slug
// ("flow-demo-store", with `brand` as its first words) or a UUID v4.
void random_uid(Random& random, std::string_view reference, std::string_view brand,
                ReferenceValue& value);

// A brand for slugs ("flow-demo", "nordic-outdoor", ...).
std::string_view random_brand(Random& random);

// A real date between 2020-01-01 and 2029-12-31.
DateValue random_date(Random& random);

}  // namespace flowhook::schema
