#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <set>
#include <string>
#include <vector>

#include "schema/scenario.hpp"
#include "schema/validator.hpp"

using namespace flowhook::schema;

namespace {

std::vector<rapidjson::Document> play(const Scenario& scenario, std::uint64_t seed) {
    SampleOptions options;
    options.random = true;
    options.seed = seed;
    options.pretty = false;
    SampleMaker maker(options);
    std::string buffer;
    std::vector<rapidjson::Document> events;
    play_scenario(scenario, maker, buffer, [&](const ActionMatch&, std::string& text) {
        CHECK(validate_text(text, {true, std::nullopt}).findings.empty());
        events.emplace_back().Parse(text.c_str());
    });
    return events;
}

// Every event that carries `field` carries the same value.
bool shared(const std::vector<rapidjson::Document>& events, const char* field) {
    const rapidjson::Value* first = nullptr;
    for (const auto& event : events) {
        if (!event.HasMember(field)) continue;
        if (!first)
            first = &event[field];
        else if (event[field] != *first)
            return false;
    }
    return first != nullptr;
}

}  // namespace

TEST_CASE("scenarios") {
    std::set<std::string_view> names;
    for (const Scenario& scenario : scenarios()) {
        CAPTURE(scenario.name);
        CHECK(names.insert(scenario.name).second);
        CHECK(find_scenario(scenario.name) == &scenario);
        for (const ScenarioStep& step : scenario.steps) {
            CAPTURE(step.action);
            auto action = find_action(step.action);
            REQUIRE(action);
            CHECK(step.min_repeat >= 1);
            CHECK(step.min_repeat <= step.max_repeat);
            if (!step.renewed.empty()) CHECK(action->spec->field(step.renewed) != nullptr);
        }
    }
    CHECK(find_scenario("list") == nullptr);  // --scenario list means the listing
}

TEST_CASE("play_scenario") {
    SUBCASE("sale: one tenant, store and order; a new product per stock change") {
        for (std::uint64_t seed = 0; seed < 20; ++seed) {
            auto events = play(*find_scenario("sale"), seed);
            REQUIRE(events.size() >= 4);
            CHECK(std::string(events.front()["action"].GetString()) == "ORDER_SETTLED");
            CHECK(std::string(events.back()["action"].GetString()) == "ORDER_DELIVERED");
            for (const char* field : {"tenant", "store", "order", "tenantUser"})
                CHECK(shared(events, field));
            std::set<std::int64_t> products;
            for (std::size_t i = 2; i + 1 < events.size(); ++i)
                products.insert(events[i]["product"]["Id"].GetInt64());
            CHECK(products.size() == events.size() - 3);
        }
    }
    SUBCASE("till-day: the same till, cash report and date") {
        auto events = play(*find_scenario("till-day"), 9);
        REQUIRE(events.size() == 2);
        for (const char* field : {"till", "cashReport", "date", "store"})
            CHECK(shared(events, field));
    }
    SUBCASE("successive runs have ids of their own") {
        const Scenario& scenario = *find_scenario("till-day");
        SampleOptions options;
        options.random = true;
        options.pretty = false;
        SampleMaker maker(options);
        std::string buffer;
        std::vector<std::string> tills;
        for (int run = 0; run < 2; ++run)
            play_scenario(scenario, maker, buffer, [&](const ActionMatch&, std::string& text) {
                tills.push_back(text.substr(text.find("\"till\"")));
            });
        REQUIRE(tills.size() == 4);
        CHECK(tills[0] == tills[1]);
        CHECK(tills[1] != tills[2]);
    }
}
