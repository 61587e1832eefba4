#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "check/checks.hpp"
#include "check/payloads.hpp"
#include "check/report.hpp"
#include "schema/catalog.hpp"
#include "schema/validator.hpp"
#include "util/error.hpp"

using namespace flowhook;
using namespace flowhook::check;

namespace {

http::Attempt answered(int status) {
    http::Attempt attempt;
    attempt.answer = http::Reply{};
    attempt.answer->status = status;
    return attempt;
}

http::Attempt failed(http::FailureKind kind, std::string detail) {
    http::Attempt attempt;
    attempt.failure = http::Failure{kind, std::move(detail)};
    return attempt;
}

}  // namespace

TEST_CASE("check_table: an accepts/ check per spelling, one per record, then the contract") {
    auto table = check_table(2);
    std::set<std::string> names;
    for (const Check& check : table) names.insert(check.name);
    CHECK(names.size() == table.size());
    CHECK(table.size() == schema::all_spellings().size() + 2 + 9);
    CHECK(table.front().name == "accepts/ORDER_SETTLED");
    CHECK(names.count("accepts/TILL_CLOSED") == 1);
    CHECK(names.count("accepts/PRODUCT_MEDIA_CHANGED") == 1);
    CHECK(names.count("accepts/recorded-2") == 1);
    CHECK(table.back().name == "method-and-headers");
    CHECK(table.back().level == Level::info);
    for (std::size_t i = 0; i < table.size(); ++i) CHECK(table[i].index == static_cast<int>(i));
}

TEST_CASE("sample: the schema's sample with its subject's id changed, valid") {
    Payload order = sample("ORDER_SETTLED", 900123);
    CHECK(order.sets == std::vector<std::string>{"order.Id=900123"});
    CHECK(order.body.find("\"order\":{\"Id\":900123") != std::string::npos);
    CHECK(schema::validate_text(order.body).findings.empty());
    CHECK(sample("TILL_OPEN", 5).sets.front() == "till.Id=5");
    CHECK(sample("ORDER_SETTLED", 1).body != sample("ORDER_SETTLED", 2).body);
    CHECK_THROWS_AS(sample("NOT_AN_ACTION", 1), Error);
}

TEST_CASE("malformed_bodies: six bodies, each wrong in its own way") {
    auto bodies = malformed_bodies(7);
    REQUIRE(bodies.size() == 6);
    CHECK(bodies[1].body.empty());
    CHECK(bodies[3].body.front() == '[');
    CHECK(bodies[4].body.find("\"order\":{\"Id\":\"7\"") != std::string::npos);
    CHECK(bodies[5].body.find("\"action\"") == std::string::npos);
    for (const Malformed& bad : bodies) CHECK_FALSE(schema::validate_text(bad.body).findings.empty());
}

TEST_CASE("padded_sample: exactly the size asked, a valid payload") {
    Padded padded = padded_sample(3, 1'000'000);
    CHECK(padded.body.size() == 1'000'000);
    CHECK(padded.prefix + std::string(padded.padding, 'x') + padded.suffix == padded.body);
    CHECK(schema::validate_text(padded.body).findings.empty());
}

TEST_CASE("sale_out_of_order: the receipt and the stock changes before the order") {
    auto events = sale_out_of_order(42);
    REQUIRE(events.size() >= 4);
    CHECK(events.front().find("\"action\":\"ORDER_RECEIPT_SETTLED\"") != std::string::npos);
    auto settled = std::find_if(events.begin(), events.end(), [](const std::string& e) {
        return e.find("\"action\":\"ORDER_SETTLED\"") != std::string::npos;
    });
    REQUIRE(settled != events.end());
    for (auto e = events.begin(); e != settled; ++e)
        CHECK(e->find("\"action\":\"ORDER_SETTLED\"") == std::string::npos);
    CHECK(sale_out_of_order(42) == events);
}

TEST_CASE("consequence_of: what the platform does with each answer") {
    Settings settings;
    settings.timeout_text = "10s";
    CHECK(consequence_of(answered(200), settings).empty());
    CHECK(consequence_of(answered(503), settings) ==
          "answered 503: the platform retries this 10 times over about 5 minutes, then drops it");
    CHECK(consequence_of(answered(302), settings).find("retries this 10 times") != std::string::npos);
    CHECK(consequence_of(answered(429), settings) ==
          "answered 429: the platform never retries a 4xx, so this event is lost for good");
    CHECK(consequence_of(failed(http::FailureKind::timeout, "no complete answer"), settings) ==
          "no answer within 10s: the platform stops waiting at 10s and retries this 10 times over "
          "about 7 minutes, then drops it; your receiver may act on every copy");
    CHECK(consequence_of(failed(http::FailureKind::reset, "connection reset"), settings)
              .rfind("connection reset: the platform retries", 0) == 0);
    CHECK(unreachable(failed(http::FailureKind::refused, "connection refused")) ==
          "connection refused");
    CHECK(unreachable(failed(http::FailureKind::timeout, "x")).empty());
}

TEST_CASE("shell_quote: only when needed, and a quote inside survives") {
    CHECK(shell_quote("order.Id=5") == "order.Id=5");
    CHECK(shell_quote("http://127.0.0.1:8080/hooks") == "http://127.0.0.1:8080/hooks");
    CHECK(shell_quote("a b") == "'a b'");
    CHECK(shell_quote("") == "''");
    CHECK(shell_quote("it's") == "'it'\\''s'");
    CHECK(shell_quote("{\"a\":1}") == "'{\"a\":1}'");
}

TEST_CASE("summarize: a MUST failure is what fails the run") {
    std::vector<Verdict> verdicts(4);
    verdicts[0].outcome = Outcome::pass;
    verdicts[1].outcome = Outcome::warn;
    verdicts[2].outcome = Outcome::fail;
    verdicts[3].outcome = Outcome::skip;
    Summary summary = summarize(verdicts);
    CHECK(summary.checks == 4);
    CHECK(summary.passed == 1);
    CHECK(summary.warned == 1);
    CHECK(summary.failed == 1);
    CHECK(summary.skipped == 1);
    CHECK(summary.must_failed == 1);
    verdicts[2].level = Level::should;
    CHECK(summarize(verdicts).must_failed == 0);
}
