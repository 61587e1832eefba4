#include <doctest/doctest.h>

#include "util/base64.hpp"

using namespace flowhook::util;

TEST_CASE("base64_encode") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    CHECK(base64_encode(std::string("\xff\x00\xfe", 3)) == "/wD+");
}

TEST_CASE("base64_decode") {
    SUBCASE("round trip of every byte") {
        std::string bytes;
        for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
        CHECK(base64_decode(base64_encode(bytes)) == bytes);
        CHECK(base64_decode("Zm8=") == "fo");
        CHECK(base64_decode("Zg==") == "f");
    }
    SUBCASE("refuses what is not padded standard base64") {
        for (const char* text : {"Zg", "Zg=", "Z===", "Zm9v!A==", "Zg==Zg==", "Z=g="}) {
            CAPTURE(text);
            CHECK_FALSE(base64_decode(text));
        }
    }
}
