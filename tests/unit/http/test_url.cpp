#include <doctest/doctest.h>

#include "http/url.hpp"

using namespace flowhook::http;

TEST_CASE("parse_url") {
    std::string why;
    SUBCASE("http and https, default ports, path and query") {
        auto url = parse_url("http://127.0.0.1:8080/hooks?x=1#frag", why);
        REQUIRE(url);
        CHECK(url->origin() == "http://127.0.0.1:8080");
        CHECK(url->target == "/hooks?x=1");
        CHECK(url->host_header() == "127.0.0.1:8080");
        auto secure = parse_url("HTTPS://example.test", why);
        REQUIRE(secure);
        CHECK(secure->https());
        CHECK(secure->port == 443);
        CHECK(secure->target == "/");
        CHECK(secure->host_header() == "example.test");
    }
    SUBCASE("IPv6 literals in brackets") {
        auto url = parse_url("http://[::1]:9000/h", why);
        REQUIRE(url);
        CHECK(url->host == "::1");
        CHECK(url->origin() == "http://[::1]:9000");
    }
    SUBCASE("refuses what flowhook cannot send to") {
        for (const char* text :
             {"127.0.0.1:8080/hooks", "ftp://host/x", "http://", "http://:80/", "http://host:0/",
              "http://host:65536/", "http://host:8x/", "http://user:pw@host/", "http://ho st/",
              "http://host/a\r\nX: y", "http://::1/", "http://host:/x", "http://[::1]:/"}) {
            CAPTURE(text);
            why.clear();
            CHECK_FALSE(parse_url(text, why));
            CHECK_FALSE(why.empty());
        }
    }
    SUBCASE("a URL without its scheme gets the likely fix") {
        CHECK_FALSE(parse_url("127.0.0.1:8080/hooks", why));
        CHECK(why == "no scheme: did you mean http://127.0.0.1:8080/hooks ?");
        CHECK_FALSE(parse_url("[::1]:9000", why));
        CHECK(why == "no scheme: did you mean http://[::1]:9000 ?");
        CHECK_FALSE(parse_url("mailto:x@y", why));
        CHECK(why == "not a URL (expected http://HOST/...)");
    }
}
