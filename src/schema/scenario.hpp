#pragma once
// Scenarios: realistic sequences of linked events, as the platform would send them. A scenario
// is data: steps naming actions; every step shares the references (and date) of the steps
// before it, except the one reference a repeated step renews each time.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.hpp"
#include "schema/sample.hpp"

namespace flowhook::schema {

struct ScenarioStep {
    std::string_view action;   // a spelling in the catalogue
    std::string_view renewed;  // "": once; a reference: repeated, a new one each time
    std::size_t min_repeat = 1;
    std::size_t max_repeat = 1;
};

struct Scenario {
    std::string_view name;
    std::string_view description;
    std::vector<ScenarioStep> steps;
};

// Every scenario, in the order `--scenario list` shows them.
const std::vector<Scenario>& scenarios();

// The scenario named `name`, or nullptr.
const Scenario* find_scenario(std::string_view name);

// The actions of `scenario`'s steps, once each, in order.
std::vector<ActionMatch> scenario_actions(const Scenario& scenario);

// Makes one run of `scenario` with `maker` (which should make random values, or the linked
// events would all carry the documented ids), handing each payload's action and text to
// `emit` in order. The text is valid until the next call of `emit`.
void play_scenario(const Scenario& scenario, SampleMaker& maker, std::string& buffer,
                   const std::function<void(const ActionMatch&, std::string&)>& emit);

}  // namespace flowhook::schema
