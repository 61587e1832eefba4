#include <doctest/doctest.h>

#include <zlib.h>

#include <string>

#include "http/content_coding.hpp"

using flowhook::http::decode_content;
using flowhook::http::Decoded;
using flowhook::http::is_encoded;

namespace {

// `text` compressed by zlib itself: window_bits 31 gzip, 15 zlib, -15 raw deflate.
std::string compressed(const std::string& text, int window_bits) {
    z_stream stream{};
    REQUIRE(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&stream, text.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

const std::string k_json = R"({"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"}})";

}  // namespace

TEST_CASE("decode_content") {
    SUBCASE("gzip, x-gzip, deflate as zlib and as raw deflate") {
        CHECK(decode_content("gzip", compressed(k_json, 31), 1000).body == k_json);
        CHECK(decode_content("X-GZIP", compressed(k_json, 31), 1000).body == k_json);
        CHECK(decode_content("deflate", compressed(k_json, 15), 1000).body == k_json);
        CHECK(decode_content("deflate", compressed(k_json, -15), 1000).body == k_json);
    }
    SUBCASE("several gzip members, and a list of codings undone in reverse order") {
        Decoded two = decode_content("gzip", compressed("ab", 31) + compressed("cd", 31), 1000);
        CHECK(two.outcome == Decoded::Outcome::ok);
        CHECK(two.body == "abcd");
        CHECK(decode_content("deflate, gzip", compressed(compressed(k_json, 15), 31), 1000).body == k_json);
        CHECK(decode_content("identity, gzip", compressed(k_json, 31), 1000).body == k_json);
    }
    SUBCASE("the decoded size is bounded: exactly the limit passes, one byte more is too large") {
        std::string big(100000, 'a');
        std::string bomb = compressed(big, 31);
        CHECK(bomb.size() < 1000);
        CHECK(decode_content("gzip", bomb, big.size()).outcome == Decoded::Outcome::ok);
        Decoded over = decode_content("gzip", bomb, big.size() - 1);
        CHECK(over.outcome == Decoded::Outcome::too_large);
        CHECK(over.status() == 413);
        CHECK(over.body.size() <= big.size());
        CHECK(over.reason == "body decoded from gzip is over the limit of 99999 bytes");
    }
    SUBCASE("other codings are unsupported; damaged data is corrupt") {
        Decoded br = decode_content("br", "xyz", 1000);
        CHECK(br.outcome == Decoded::Outcome::unsupported);
        CHECK(br.status() == 415);
        CHECK(br.reason == "Content-Encoding br is not supported (gzip or deflate only)");
        CHECK(decode_content("gzip, zstd", "xyz", 1000).status() == 415);
        std::string gz = compressed(k_json, 31);
        CHECK(decode_content("gzip", gz.substr(0, gz.size() - 4), 1000).status() == 400);
        CHECK(decode_content("gzip", "not gzip at all", 1000).status() == 400);
        CHECK(decode_content("gzip", "", 1000).status() == 400);
        CHECK(decode_content("deflate", compressed(k_json, 15) + "junk", 1000).status() == 400);
    }
    SUBCASE("at most two codings: each may decode the whole bound again") {
        std::string twice = compressed(compressed(k_json, 31), 31);
        CHECK(decode_content("gzip, gzip", twice, 1000).body == k_json);
        Decoded thrice = decode_content("gzip, gzip, gzip", compressed(twice, 31), 1000);
        CHECK(thrice.status() == 415);
        CHECK(thrice.reason == "Content-Encoding lists 3 codings; at most 2 are decoded");
        CHECK(decode_content("identity, gzip, identity, gzip", twice, 1000).body == k_json);
    }
    SUBCASE("thousands of gzip members, each empty but the last") {
        std::string members;
        for (int i = 0; i < 5000; ++i) members += compressed("", 31);
        members += compressed(k_json, 31);
        Decoded decoded = decode_content("gzip", members, 1000);
        CHECK(decoded.outcome == Decoded::Outcome::ok);
        CHECK(decoded.body == k_json);
    }
    SUBCASE("is_encoded") {
        CHECK(is_encoded("gzip"));
        CHECK(is_encoded("br"));
        CHECK_FALSE(is_encoded("identity"));
        CHECK_FALSE(is_encoded(" "));
    }
}
