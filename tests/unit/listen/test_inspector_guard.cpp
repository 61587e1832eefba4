#include <doctest/doctest.h>

#include <string>

#include "listen/inspector/guard.hpp"

using namespace flowhook::listen::inspector;

TEST_CASE("host_of: the host of a Host header, or nothing when malformed") {
    CHECK(host_of("localhost") == "localhost");
    CHECK(host_of("LocalHost:8787") == "localhost");
    CHECK(host_of("127.0.0.1:1") == "127.0.0.1");
    CHECK(host_of("[::1]:8787") == "::1");
    CHECK(host_of("[::1]") == "::1");
    CHECK(host_of(" example.com ") == "example.com");
    for (const char* bad : {"", ":80", "localhost:", "localhost:x", "localhost:123456", "[::1", "[::1]x",
                            "[::1]:", "[zz]", "a b", "a..b", "évil", "a/b", "local\rhost", "[]", "host:80:80"})
        CHECK_MESSAGE(!host_of(bad), bad);
}

TEST_CASE("is_loopback: localhost, *.localhost, 127/8, ::1") {
    for (const char* good : {"localhost", "LOCALHOST", "localhost.", "app.localhost", "a.b.localhost", "127.0.0.1",
                             "127.255.255.255", "127.1.2.3", "::1", "[::1]"})
        CHECK_MESSAGE(is_loopback(good), good);
    for (const char* bad : {"", "localhost.evil.example", "evillocalhost", ".localhost", "128.0.0.1", "127.0.0",
                            "127.0.0.1.5", "127.0.0.256", "127.0.0.1x", "0.0.0.0", "::2", "10.0.0.1", "127..0.1"})
        CHECK_MESSAGE(!is_loopback(bad), bad);
}

TEST_CASE("host_allowed: loopback or the bound address, never a stranger") {
    CHECK(host_allowed("localhost:8787", "127.0.0.1"));
    CHECK(host_allowed("127.0.0.1:8787", "0.0.0.0"));
    CHECK(host_allowed("192.168.1.5:8787", "192.168.1.5"));
    CHECK(host_allowed("[fe80::1]:8787", "fe80::1"));
    CHECK(host_allowed("[fe80::1]:8787", "[FE80::1]"));
    CHECK_FALSE(host_allowed("192.168.1.6:8787", "192.168.1.5"));
    CHECK_FALSE(host_allowed("evil.example", "127.0.0.1"));
    CHECK_FALSE(host_allowed("evil.example:8787", ""));
    CHECK_FALSE(host_allowed("", "127.0.0.1"));
    CHECK_FALSE(host_allowed("127.0.0.1:8787/x", "127.0.0.1"));
}

TEST_CASE("origin_matches: exactly http:// and the request's Host") {
    CHECK(origin_matches("http://127.0.0.1:8787", "127.0.0.1:8787"));
    CHECK(origin_matches("HTTP://LOCALHOST:8787", "localhost:8787"));
    CHECK(origin_matches("http://[::1]:8787", "[::1]:8787"));
    CHECK_FALSE(origin_matches("null", "127.0.0.1:8787"));
    CHECK_FALSE(origin_matches("", "127.0.0.1:8787"));
    CHECK_FALSE(origin_matches("http://", "127.0.0.1:8787"));
    CHECK_FALSE(origin_matches("https://127.0.0.1:8787", "127.0.0.1:8787"));
    CHECK_FALSE(origin_matches("http://127.0.0.1:8788", "127.0.0.1:8787"));
    CHECK_FALSE(origin_matches("http://127.0.0.1:8787/", "127.0.0.1:8787"));
    CHECK_FALSE(origin_matches("http://evil.example", "evil.example:x"));
    CHECK_FALSE(origin_matches("http://127.0.0.1", "127.0.0.1:8787"));
}

TEST_CASE("cookie_value: one cookie among others, quotes removed") {
    CHECK(cookie_value("flowhook_token=abc", "flowhook_token") == "abc");
    CHECK(cookie_value("a=1; flowhook_token=abc; b=2", "flowhook_token") == "abc");
    CHECK(cookie_value("a=1;flowhook_token = \"abc\"", "flowhook_token") == "abc");
    CHECK(cookie_value("flowhook_token=", "flowhook_token") == "");
    CHECK_FALSE(cookie_value("", "flowhook_token"));
    CHECK_FALSE(cookie_value("xflowhook_token=abc", "flowhook_token"));
    CHECK_FALSE(cookie_value("flowhook_token", "flowhook_token"));
    CHECK_FALSE(cookie_value(";;;=;", "flowhook_token"));
    CHECK(cookie_value("flowhook_token=a=b", "flowhook_token") == "a=b");
}

TEST_CASE("query_value: a parameter of a query string") {
    CHECK(query_value("token=abc", "token") == "abc");
    CHECK(query_value("x=1&token=abc&y", "token") == "abc");
    CHECK(query_value("token", "token") == "");
    CHECK_FALSE(query_value("tokens=abc", "token"));
    CHECK_FALSE(query_value("", "token"));
}

TEST_CASE("last_event_id: this run's id, a dash, digits only, within 2^63-1") {
    CHECK(last_event_id("ab12-0", "ab12") == 0u);
    CHECK(last_event_id("ab12-42", "ab12") == 42u);
    CHECK(last_event_id(" ab12-7 ", "ab12") == 7u);
    CHECK(last_event_id("ab12-9223372036854775807", "ab12") == 9223372036854775807u);
    for (const char* bad : {"", "-1", "ab12", "ab12-", "ab12--1", "ab12-+1", "ab12-1.0", "ab12-1e3", "ab12-abc",
                            "ab12-0x10", "ab12-9223372036854775808", "ab12-18446744073709551616", "ab12-1 2",
                            "42", "cd34-42", "ab1-42", "ab123-42", "AB12-42", "xab12-42"})
        CHECK_MESSAGE(!last_event_id(bad, "ab12"), bad);
}

TEST_CASE("same_secret compares whole strings") {
    CHECK(same_secret("abc", "abc"));
    CHECK_FALSE(same_secret("abc", "abd"));
    CHECK_FALSE(same_secret("abc", "ab"));
    CHECK_FALSE(same_secret("", "a"));
    CHECK(same_secret("", ""));
}
