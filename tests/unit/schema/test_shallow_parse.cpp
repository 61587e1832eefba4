#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <random>
#include <string>

#include <rapidjson/document.h>

#include "schema/shallow_parse.hpp"

using namespace flowhook::schema;

namespace {

// How many arrays and objects deep `value` nests (a scalar: 0).
std::size_t depth(const rapidjson::Value& value) {
    std::size_t deepest = 0;
    if (value.IsObject())
        for (const auto& member : value.GetObject()) deepest = std::max(deepest, depth(member.value));
    else if (value.IsArray())
        for (const auto& item : value.GetArray()) deepest = std::max(deepest, depth(item));
    else
        return 0;
    return deepest + 1;
}

std::string nested(std::size_t levels) {
    return std::string(levels, '[') + "1" + std::string(levels, ']');
}

const std::string k_payload =
    R"({"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"lines":[{"sku":"A-1","quantity":2,)"
    R"("price":"19.90","tags":["x","y\u00e9\n"]},{"sku":"B-2","quantity":-1.5e3,"ok":true,"n":null}]})";

}  // namespace

TEST_CASE("parse_shallow builds the same document as RapidJSON's own parse") {
    rapidjson::Document shallow;
    REQUIRE(parse_shallow(k_payload, shallow, 128));
    rapidjson::Document reference;
    reference.Parse(k_payload.data(), k_payload.size());
    REQUIRE_FALSE(reference.HasParseError());
    CHECK(shallow == reference);
    CHECK(shallow["lines"][0]["tags"][1].GetStringLength() == 4);
}

TEST_CASE("parse_shallow takes exactly `levels` levels and stops at the next") {
    rapidjson::Document document;
    CHECK(parse_shallow(nested(128), document, 128));
    CHECK(depth(document) == 128);
    CHECK_FALSE(parse_shallow(nested(129), document, 128));
    CHECK(parse_shallow("7", document, 0));
    CHECK_FALSE(parse_shallow("{}", document, 0));
}

TEST_CASE("parse_shallow stops a million levels deep without growing its stack") {
    rapidjson::Document document;
    CHECK_FALSE(parse_shallow(std::string(1'000'000, '['), document, 128));
    CHECK_FALSE(parse_shallow(std::string(1'000'000, '{'), document, 128));
}

TEST_CASE("parse_shallow refuses what is not JSON") {
    rapidjson::Document document;
    for (const char* text : {"", " ", "{", R"({"a":})", R"({"a":1}x)", "nul", R"(["\x"])", "[1,]"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_shallow(text, document, 128));
    }
}

TEST_CASE("parse_shallow agrees with the iterative parser on mutated payloads") {
    std::mt19937 random(20261202);
    const std::string alphabet = "{}[]\",:\\0123456789.eE+-tfnul \n\tax";
    int taken = 0;
    int too_deep = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text = k_payload;
        for (int edit = 1 + static_cast<int>(random() % 3); edit > 0; --edit) {
            std::size_t at = random() % text.size();
            char byte = alphabet[random() % alphabet.size()];
            switch (random() % 4) {
                case 0: text[at] = byte; break;
                case 1: text.insert(at, 1, byte); break;
                case 2: text.erase(at, 1); break;
                default: {  // one level deeper, wrapping a value that may still be there
                    const char* value = random() % 2 ? "\"x\"" : "2";
                    if (auto found = text.find(value); found != std::string::npos)
                        text.insert(text.insert(found, 1, '[').begin() + found + 1 + std::strlen(value), ']');
                }
            }
        }
        rapidjson::Document reference;
        reference.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
        bool expected = !reference.HasParseError() && depth(reference) <= 4;
        if (!reference.HasParseError() && !expected) ++too_deep;
        rapidjson::Document shallow;
        CAPTURE(text);
        REQUIRE(parse_shallow(text, shallow, 4) == expected);
        if (expected) {
            REQUIRE(shallow == reference);
            ++taken;
        }
    }
    // Enough mutants are still JSON, and some of them nest too deep, for the comparison to mean something.
    CHECK(taken > 1000);
    CHECK(too_deep > 10);
}
