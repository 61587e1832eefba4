#include <doctest/doctest.h>

#include <string>

#include "util/text.hpp"

using namespace flowhook::util;

TEST_CASE("utf8_sequence_length") {
    CHECK(utf8_sequence_length("") == 0);
    CHECK(utf8_sequence_length("a\xff") == 1);
    CHECK(utf8_sequence_length("\xc3\xa9z") == 2);
    CHECK(utf8_sequence_length("\xf0\x9f\x98\x80") == 4);
    CHECK(utf8_sequence_length("\xff") == 0);
    CHECK(utf8_sequence_length("\xe2\x82") == 0);  // cut short
}

TEST_CASE("is_valid_utf8") {
    CHECK(is_valid_utf8("plain \xc3\xa9 \xf0\x9f\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
    CHECK_FALSE(is_valid_utf8("\xe2\x82"));      // cut short
}

TEST_CASE("is_valid_utf8 finds a bad byte wherever it falls among long ASCII runs") {
    for (std::size_t length : {7, 8, 9, 16, 23, 64}) {
        std::string ascii(length, 'a');
        CHECK(is_valid_utf8(ascii));
        for (std::size_t at = 0; at < length; ++at) {
            std::string bad = ascii;
            bad[at] = '\xff';
            CHECK_FALSE(is_valid_utf8(bad));
            std::string cut = ascii.substr(0, at) + "\xe2\x82" + ascii.substr(at);
            CHECK_FALSE(is_valid_utf8(cut));
            std::string good = ascii.substr(0, at) + "\xc3\xa9" + ascii.substr(at);
            CHECK(is_valid_utf8(good));
        }
    }
}

TEST_CASE("to_valid_utf8") {
    SUBCASE("ill-formed bytes become U+FFFD") {
        CHECK(to_valid_utf8("a\xffz") == "a\xef\xbf\xbdz");
    }
    SUBCASE("a limit keeps whole characters") {
        CHECK(to_valid_utf8("abcdef", 3) == "abc");
        CHECK(to_valid_utf8("ab\xc3\xa9z", 3) == "ab\xc3\xa9");
        CHECK(to_valid_utf8("ab\xff\xffz", 3) == "ab\xef\xbf\xbd");
    }
}

TEST_CASE("iequals") {
    CHECK(iequals("Content-Length", "content-length"));
    CHECK_FALSE(iequals("Content-Length", "Content-Lengt"));
}
