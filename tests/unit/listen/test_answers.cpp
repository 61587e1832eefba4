#include <doctest/doctest.h>

#include <string>

#include "util/error.hpp"
#include "listen/answers.hpp"
#include "util/base64.hpp"

using namespace flowhook::listen;

TEST_CASE("ResponsePlan::from_options") {
    SUBCASE("--respond: the n-th delivery gets the n-th step, the last repeats") {
        ResponsePlan plan = ResponsePlan::from_options("500,timeout,drop,201", 0, 202);
        CHECK(plan.size() == 4);
        CHECK(plan.step(1).status == 500);
        CHECK(plan.step(2).kind == Step::Kind::timeout);
        CHECK(plan.step(2).status == 202);
        CHECK(plan.step(3).kind == Step::Kind::drop);
        CHECK(plan.step(9).status == 201);
        CHECK(step_name(plan.step(3)) == "drop");
    }
    SUBCASE("--fail-first N is N x 500, then --status") {
        ResponsePlan plan = ResponsePlan::from_options("", 2, 204);
        CHECK(plan.step(1).status == 500);
        CHECK(plan.step(2).status == 500);
        CHECK(plan.step(3).status == 204);
        CHECK_FALSE(ResponsePlan::from_options("", 0, 200).scripted());
    }
    SUBCASE("bad steps are usage errors") {
        CHECK_THROWS_AS(ResponsePlan::from_options("500,,200", 0, 200), flowhook::Error);
        CHECK_THROWS_AS(ResponsePlan::from_options("99", 0, 200), flowhook::Error);
        CHECK_THROWS_AS(ResponsePlan::from_options("2000", 0, 200), flowhook::Error);
        CHECK_THROWS_AS(ResponsePlan::from_options("later", 0, 200), flowhook::Error);
    }
}

TEST_CASE("CredentialCheck::accept") {
    CredentialCheck none = CredentialCheck::from_options("", "");
    CHECK(none.accept(nullptr));
    CredentialCheck basic = CredentialCheck::from_options("ann:pw", "");
    std::string right = "Basic " + flowhook::util::base64_encode("ann:pw");
    std::string lower = "basic " + flowhook::util::base64_encode("ann:pw");
    std::string wrong = "Basic " + flowhook::util::base64_encode("ann:pX");
    std::string bearer_form = "Bearer " + flowhook::util::base64_encode("ann:pw");
    CHECK(basic.accept(&right));
    CHECK(basic.accept(&lower));
    CHECK_FALSE(basic.accept(&wrong));
    CHECK_FALSE(basic.accept(&bearer_form));
    CHECK_FALSE(basic.accept(nullptr));
    CredentialCheck bearer = CredentialCheck::from_options("", "tok");
    std::string token = "Bearer tok", longer = "Bearer tok2", shorter = "Bearer to";
    CHECK(bearer.accept(&token));
    CHECK_FALSE(bearer.accept(&longer));
    CHECK_FALSE(bearer.accept(&shorter));
    CHECK_THROWS_AS(CredentialCheck::from_options("ann:pw", "tok"), flowhook::Error);
    CHECK_THROWS_AS(CredentialCheck::from_options("ann", ""), flowhook::Error);
}

TEST_CASE("RepeatTracker::see") {
    RepeatTracker tracker;
    auto now = std::chrono::system_clock::now();
    CHECK(tracker.see("a", now).count == 1);
    CHECK(tracker.see("b", now).count == 1);
    auto again = tracker.see("a", now + std::chrono::seconds(1));
    CHECK(again.count == 2);
    CHECK(again.first == now);
    CHECK(again.hash.size() == 16);
}
