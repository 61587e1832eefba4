#include <doctest/doctest.h>

#include <random>
#include <set>

#include "util/error.hpp"
#include "send/sender.hpp"
#include "send/report.hpp"
#include "delivery/request.hpp"

using namespace flowhook;
using namespace flowhook::send;
using namespace std::chrono_literals;

namespace {

http::Attempt answered(int status) {
    http::Attempt attempt;
    attempt.answer = http::Reply{};
    attempt.answer->status = status;
    return attempt;
}

http::Attempt failed(http::FailureKind kind) {
    http::Attempt attempt;
    attempt.failure = http::Failure{kind, ""};
    return attempt;
}

}  // namespace

TEST_CASE("judge") {
    SUBCASE("below 300 is delivered") {
        for (int status : {200, 201, 202, 204, 299})
            CHECK(delivery::judge(answered(status)) == delivery::Verdict::delivered);
    }
    SUBCASE("400-499, 429 included, is failed and never retried") {
        for (int status : {400, 401, 403, 404, 409, 429, 499})
            CHECK(delivery::judge(answered(status)) == delivery::Verdict::failed);
    }
    SUBCASE("3xx, 5xx and anything else is retried") {
        for (int status : {300, 301, 302, 304, 399, 500, 502, 503, 599, 600})
            CHECK(delivery::judge(answered(status)) == delivery::Verdict::retry);
    }
    SUBCASE("network failures are retried, an interruption is not") {
        for (auto kind :
             {http::FailureKind::refused, http::FailureKind::reset, http::FailureKind::timeout,
              http::FailureKind::dns, http::FailureKind::tls, http::FailureKind::other})
            CHECK(delivery::judge(failed(kind)) == delivery::Verdict::retry);
        CHECK(delivery::judge(failed(http::FailureKind::interrupted)) == delivery::Verdict::interrupted);
    }
}

TEST_CASE("backoff_before") {
    delivery::RetryPolicy policy;
    policy.backoff = 100ms;
    policy.max_backoff = 400ms;
    std::mt19937_64 random(1);
    SUBCASE("doubles from the base up to the cap without jitter") {
        policy.jitter = false;
        std::vector<long> waits;
        for (int retry = 1; retry <= 6; ++retry)
            waits.push_back(delivery::backoff_before(policy, retry, random).count());
        CHECK(waits == std::vector<long>{100, 200, 400, 400, 400, 400});
    }
    SUBCASE("the platform's defaults: 1s doubling to 60s") {
        delivery::RetryPolicy defaults;
        defaults.jitter = false;
        CHECK(delivery::backoff_before(defaults, 1, random) == 1s);
        CHECK(delivery::backoff_before(defaults, 6, random) == 32s);
        CHECK(delivery::backoff_before(defaults, 7, random) == 60s);
        CHECK(delivery::backoff_before(defaults, 10, random) == 60s);
    }
    SUBCASE("equal jitter stays within half and all of the schedule, and varies") {
        std::set<long> seen;
        for (int i = 0; i < 200; ++i) {
            auto wait = delivery::backoff_before(policy, 3, random).count();
            CHECK(wait >= 200);
            CHECK(wait <= 400);
            seen.insert(wait);
        }
        CHECK(seen.size() > 10);
    }
}

TEST_CASE("parse_header") {
    SUBCASE("splits at the first colon and trims the value's leading blanks") {
        CHECK(delivery::parse_header("X-Flow: a:b c") == http::Header{"X-Flow", "a:b c"});
        CHECK(delivery::parse_header("X-Empty:") == http::Header{"X-Empty", ""});
    }
    SUBCASE("refuses CR, LF and other control characters: header injection") {
        CHECK_THROWS_AS(delivery::parse_header("X-A: b\r\nX-B: c"), Error);
        CHECK_THROWS_AS(delivery::parse_header("X-A: b\nX-B: c"), Error);
        CHECK_THROWS_AS(delivery::parse_header("X-A\r: b"), Error);
        CHECK_THROWS_AS(delivery::parse_header(std::string("X-A: b\0c", 8)), Error);
    }
    SUBCASE("refuses a missing colon, a bad name, and headers the transport sets") {
        CHECK_THROWS_AS(delivery::parse_header("no colon"), Error);
        CHECK_THROWS_AS(delivery::parse_header("Bad Name: x"), Error);
        CHECK_THROWS_AS(delivery::parse_header(": x"), Error);
        CHECK_THROWS_AS(delivery::parse_header("content-length: 3"), Error);
        CHECK_THROWS_AS(delivery::parse_header("Host: x"), Error);
    }
}

TEST_CASE("request_headers") {
    SUBCASE("Basic credentials are base64 of USER:PASS") {
        auto layers = delivery::request_headers({"Aladdin:open sesame", ""}, {});
        CHECK(layers.user ==
              http::Headers{{"Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}});
    }
    SUBCASE("Bearer, and both at once refused") {
        CHECK(delivery::request_headers({"", "t0k"}, {}).user ==
              http::Headers{{"Authorization", "Bearer t0k"}});
        CHECK_THROWS_AS(delivery::request_headers({"a:b", "t"}, {}), Error);
        CHECK_THROWS_AS(delivery::request_headers({"no-colon", ""}, {}), Error);
    }
    SUBCASE("later layers replace earlier headers of the same name, case-insensitively") {
        auto layers = delivery::request_headers({"", "t"}, {"content-type: text/plain", "X-A: 1", "X-A: 2"});
        http::Headers recorded = {
            {"User-Agent", "FlowRetail"}, {"Authorization", "Bearer old"}, {"X-R", "r"}};
        CHECK(delivery::delivery_headers(layers, recorded) == http::Headers{{"User-Agent", "FlowRetail"},
                                                                  {"X-R", "r"},
                                                                  {"Authorization", "Bearer t"},
                                                                  {"content-type", "text/plain"},
                                                                  {"X-A", "1"},
                                                                  {"X-A", "2"}});
    }
}

TEST_CASE("latency_stats") {
    SUBCASE("nearest-rank percentiles") {
        std::vector<http::Latency> latencies;
        for (int i = 100; i >= 1; --i) latencies.push_back(http::Latency(i));
        auto stats = latency_stats(latencies);
        REQUIRE(stats);
        CHECK(stats->min.count() == 1);
        CHECK(stats->p50.count() == 50);
        CHECK(stats->p90.count() == 90);
        CHECK(stats->p99.count() == 99);
        CHECK(stats->max.count() == 100);
    }
    SUBCASE("none without answers") { CHECK_FALSE(latency_stats({})); }
}

TEST_CASE("format_latency") {
    CHECK(format_latency(http::Latency(850)) == "0.8ms");
    CHECK(format_latency(http::Latency(12'400)) == "12ms");
    CHECK(format_latency(http::Latency(1'250'000)) == "1.25s");
}
