#include <doctest/doctest.h>

#include <string>

#include "http/request_parser.hpp"

using flowhook::http::ParsedRequest;
using flowhook::http::Progress;
using flowhook::http::RequestLimits;
using flowhook::http::RequestParser;

namespace {

RequestLimits small_limits() {
    RequestLimits limits;
    limits.max_body = 64;
    limits.max_request_line = 100;
    limits.max_header_line = 100;
    limits.max_head = 400;
    limits.max_headers = 5;
    return limits;
}

// Feeds `text` in pieces of `step` bytes, as a slow client would send it.
Progress feed_in_pieces(RequestParser& parser, std::string& input, const std::string& text,
                        std::size_t step) {
    Progress progress = Progress::need_more;
    for (std::size_t i = 0; i < text.size() && progress == Progress::need_more; i += step) {
        input += text.substr(i, step);
        progress = parser.feed(input);
    }
    return progress;
}

int refusal_of(const std::string& text) {
    RequestParser parser(small_limits());
    std::string input = text;
    Progress progress = parser.feed(input);
    return progress == Progress::refused ? parser.refusal_status() : 0;
}

}  // namespace

TEST_CASE("RequestParser::feed") {
    SUBCASE("a request with Content-Length, byte by byte, keeps what follows") {
        RequestParser parser(small_limits());
        std::string input;
        std::string text = "POST /hooks?x=1 HTTP/1.1\r\nHost: a\r\nX-A:  spaced \r\nContent-Length: 2\r\n\r\n{}";
        REQUIRE(feed_in_pieces(parser, input, text, 1) == Progress::complete);
        ParsedRequest request = parser.take();
        CHECK(request.method == "POST");
        CHECK(request.target == "/hooks?x=1");
        CHECK(request.body == "{}");
        CHECK(request.keep_alive);
        REQUIRE(request.headers.size() == 3);
        CHECK(request.headers[1].first == "X-A");
        CHECK(request.headers[1].second == "spaced");
        CHECK(*request.header("content-length") == "2");
        CHECK(input.empty());
        input = text + "POST";
        REQUIRE(parser.feed(input) == Progress::complete);
        CHECK(parser.take().body == "{}");
        CHECK(input == "POST");  // the next pipelined request stays
    }
    SUBCASE("a chunked body is decoded; extensions and trailers are skipped") {
        RequestParser parser(small_limits());
        std::string input;
        std::string text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n";
        REQUIRE(feed_in_pieces(parser, input, text, 3) == Progress::complete);
        CHECK(parser.take().body == "abcde");
        CHECK(input.empty());
    }
    SUBCASE("a body of many one-byte chunks at once, and the pipelined request after it") {
        RequestLimits limits;
        std::string text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        std::string expected;
        for (int i = 0; i < 50000; ++i) {
            char byte = static_cast<char>('a' + i % 26);
            text += std::string("1\r\n") + byte + "\r\n";
            expected += byte;
        }
        text += "0\r\n\r\nGET / HTTP/1.1\r\n";
        RequestParser parser(limits);
        std::string input = text;
        REQUIRE(parser.feed(input) == Progress::complete);
        CHECK(parser.take().body == expected);
        CHECK(input == "GET / HTTP/1.1\r\n");
    }
    SUBCASE("no framing means no body; HTTP/1.0 closes unless asked to keep alive") {
        RequestParser parser(small_limits());
        std::string input = "POST / HTTP/1.0\r\n\r\n";
        REQUIRE(parser.feed(input) == Progress::complete);
        CHECK_FALSE(parser.take().keep_alive);
        input = "POST / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        REQUIRE(parser.feed(input) == Progress::complete);
        CHECK(parser.take().keep_alive);
        input = "POST / HTTP/1.1\r\nConnection: Close\r\n\r\n";
        REQUIRE(parser.feed(input) == Progress::complete);
        CHECK_FALSE(parser.take().keep_alive);
    }
    SUBCASE("100-continue is asked for once, while the body is still to come") {
        RequestParser parser(small_limits());
        std::string input = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
        REQUIRE(parser.feed(input) == Progress::need_more);
        CHECK(parser.take_continue_request());
        CHECK_FALSE(parser.take_continue_request());
        input += "{}";
        CHECK(parser.feed(input) == Progress::complete);
    }
    SUBCASE("lengths: over the limit, negative, not a number, two values, with chunked") {
        CHECK(refusal_of("POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n") == 413);
        CHECK(refusal_of("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx") == 0);
    }
    SUBCASE("chunk sizes: malformed, negative, over the limit, endless") {
        std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        CHECK(refusal_of(head + "-1\r\n") == 400);
        CHECK(refusal_of(head + "x\r\n") == 400);
        CHECK(refusal_of(head + "41\r\n") == 413);
        CHECK(refusal_of(head + "ffffffffffffffffffffffff\r\n") == 413);
        CHECK(refusal_of(head + "20\r\n" + std::string(32, 'a') + "\r\n21\r\n") == 413);
        CHECK(refusal_of(head + "2\r\nabc\r\n") == 400);
        CHECK(refusal_of(head + std::string(2000, '0')) == 400);
    }
    SUBCASE("heads: too long, too many headers, malformed") {
        CHECK(refusal_of("POST /" + std::string(200, 'a')) == 414);
        CHECK(refusal_of("POST / HTTP/1.1\r\nX: " + std::string(200, 'a')) == 431);
        std::string many = "POST / HTTP/1.1\r\n";
        for (int i = 0; i < 6; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
        CHECK(refusal_of(many + "\r\n") == 431);
        CHECK(refusal_of("POST / HTTP/2.0\r\n\r\n") == 505);
        CHECK(refusal_of("POST  / HTTP/1.1\r\n\r\n") == 400);
        CHECK(refusal_of("POST ftp://x/ HTTP/1.1\r\n\r\n") == 400);
        CHECK(refusal_of("POST http:///x HTTP/1.1\r\n\r\n") == 400);
        CHECK(refusal_of("POST http://u@x/ HTTP/1.1\r\n\r\n") == 400);
        CHECK(refusal_of("POST x/ HTTP/1.1\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nNo-Colon\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nX: 1\r\n folded\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nX: a\x01z\r\n\r\n") == 400);
        CHECK(refusal_of("POST / HTTP/1.1\r\nBad Name: 1\r\n\r\n") == 400);
    }
    SUBCASE("an absolute-form target, as sent to a proxy, gives its path and query") {
        // Plain locals, not a structured binding: clang before 16 cannot capture one in CAPTURE.
        for (auto example : {std::pair{"http://127.0.0.1:8787/hooks?x=1", "/hooks?x=1"},
                             std::pair{"HTTPS://example.test/a/b", "/a/b"},
                             std::pair{"http://example.test", "/"},
                             std::pair{"http://example.test?q=2", "/?q=2"},
                             std::pair{"http://[::1]:9/x", "/x"}}) {
            const char* sent = example.first;
            const char* path = example.second;
            CAPTURE(sent);
            RequestParser parser(small_limits());
            std::string input = std::string("POST ") + sent + " HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
            REQUIRE(parser.feed(input) == Progress::complete);
            ParsedRequest request = parser.take();
            CHECK(request.target == path);
            CHECK(request.body == "{}");
        }
    }
    SUBCASE("the head is readable while the body is still to come") {
        RequestParser parser(small_limits());
        std::string input = "POST / HTTP/1.1\r\nAuthorization: Bearer x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
        REQUIRE(parser.feed(input) == Progress::need_more);
        CHECK(parser.take_continue_request());
        REQUIRE(parser.head().header("Authorization"));
        CHECK(*parser.head().header("Authorization") == "Bearer x");
    }
    SUBCASE("stray line ends before a request are skipped") {
        RequestParser parser(small_limits());
        std::string input = "\r\n\r\nPOST / HTTP/1.1\r\n\r\n";
        CHECK(parser.feed(input) == Progress::complete);
    }
}
