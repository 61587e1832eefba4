#include "schema/sample_values.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace flowhook::schema {
namespace {

constexpr std::string_view k_brands[] = {
    "flow-demo",   "nordic-outdoor", "city-bikes",  "green-grocer",  "fjord-fashion",
    "north-books", "harbour-deli",   "oslo-optics", "bergen-bakery", "polar-pets"};

constexpr std::uint64_t k_powers_of_ten[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};

class UidBuilder {
public:
    explicit UidBuilder(ReferenceValue& value) : m_value(value) { m_value.uid_size = 0; }
    void add(std::string_view text) {
        std::size_t n = std::min(text.size(), sizeof m_value.uid - m_value.uid_size);
        std::memcpy(m_value.uid + m_value.uid_size, text.data(), n);
        m_value.uid_size += n;
    }
    void add(char c) { add(std::string_view(&c, 1)); }
    void add_number(std::uint64_t n) {
        char digits[20];
        auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        add(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }

private:
    ReferenceValue& m_value;
};

// "tenantUser" -> "tenant-user": how a reference reads in a slug.
void add_kebab(UidBuilder& uid, std::string_view reference) {
    for (char c : reference) {
        if (c >= 'A' && c <= 'Z') {
            uid.add('-');
            uid.add(static_cast<char>(c - 'A' + 'a'));
        } else {
            uid.add(c);
        }
    }
}

void add_uuid_v4(Random& random, UidBuilder& uid) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::uint64_t high = random.next(), low = random.next();
    high = (high & ~0xf000ULL) | 0x4000ULL;          // version 4
    low = (low & ~(0xcULL << 60)) | (0x8ULL << 60);  // variant 10xx
    char text[36];
    std::size_t at = 0;
    for (int nibble = 0; nibble < 32; ++nibble) {
        if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) text[at++] = '-';
        std::uint64_t word = nibble < 16 ? high : low;
        text[at++] = k_hex[(word >> (60 - 4 * (nibble % 16))) & 0xf];
    }
    uid.add(std::string_view(text, sizeof text));
}

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& year, unsigned& month, unsigned& day) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2));
}

}  // namespace

void ReferenceValue::set_uid(std::string_view text) { UidBuilder(*this).add(text); }

std::int64_t random_id(Random& random) {
    if (random.below(16) == 0)
        return static_cast<std::int64_t>(random.between(1'000'000'000, (1ULL << 53) - 1));
    std::uint64_t digits = random.between(1, 7);
    return static_cast<std::int64_t>(
        random.between(k_powers_of_ten[digits - 1], k_powers_of_ten[digits] - 1));
}

std::string_view random_brand(Random& random) {
    return k_brands[random.below(std::size(k_brands))];
}

void random_uid(Random& random, std::string_view reference, std::string_view brand,
                ReferenceValue& value) {
    UidBuilder uid(value);
    // Tenants go by a number or a slug; the other entities also by a UUID.
    switch (random.below(reference == "tenant" ? 2 : 3)) {
        case 0:
            uid.add_number(random.between(1, 999'999));
            break;
        case 1:
            uid.add(brand);
            if (reference == "tenant") break;  // the tenant is the brand itself
            uid.add('-');
            add_kebab(uid, reference);
            if (random.below(2)) {
                uid.add('-');
                uid.add_number(random.between(1, 9999));
            }
            break;
        default:
            add_uuid_v4(random, uid);
    }
}

DateValue random_date(Random& random) {
    static const std::int64_t first = days_from_civil(2020, 1, 1);
    static const std::int64_t last = days_from_civil(2029, 12, 31);
    int year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(first + static_cast<std::int64_t>(
                                random.below(static_cast<std::uint64_t>(last - first + 1))),
                    year, month, day);
    DateValue date;
    auto two = [](char* at, unsigned n) {
        at[0] = static_cast<char>('0' + n / 10);
        at[1] = static_cast<char>('0' + n % 10);
    };
    two(date.text, static_cast<unsigned>(year / 100));
    two(date.text + 2, static_cast<unsigned>(year % 100));
    date.text[4] = '-';
    two(date.text + 5, month);
    date.text[7] = '-';
    two(date.text + 8, day);
    return date;
}

}  // namespace flowhook::schema
