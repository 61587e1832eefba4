#include "schema/scenario.hpp"

#include <stdexcept>

namespace flowhook::schema {
namespace {

const std::vector<Scenario> k_scenarios = {
    {"sale",
     "An order is paid, its receipt settled, the stock of each product sold changes, and the "
     "order is delivered: one tenant, store and order throughout.",
     {{"ORDER_SETTLED", "", 1, 1},
      {"ORDER_RECEIPT_SETTLED", "", 1, 1},
      {"STOCK_CHANGE", "product", 1, 4},
      {"ORDER_DELIVERED", "", 1, 1}}},
    {"till-day",
     "A till opens in the morning and closes in the evening: the same till, cash report and "
     "date.",
     {{"TILL_OPEN", "", 1, 1}, {"TILL_CLOSE", "", 1, 1}}},
    {"product-lifecycle",
     "A product is created, updated, given a picture, priced, repriced and deleted: the same "
     "product, pricelist and price throughout.",
     {{"PRODUCT_CREATE", "", 1, 1},
      {"PRODUCT_UPDATE", "", 1, 1},
      {"PRODUCT_MEDIA_CHANGE", "", 1, 1},
      {"PRICE_CREATE", "", 1, 1},
      {"PRICE_UPDATE", "", 1, 1},
      {"PRODUCT_DELETE", "", 1, 1}}},
};

ActionMatch action_of(const ScenarioStep& step) {
    auto match = find_action(step.action);
    if (!match) throw std::logic_error("a scenario names an unknown action");
    return *match;
}

}  // namespace

const std::vector<Scenario>& scenarios() { return k_scenarios; }

const Scenario* find_scenario(std::string_view name) {
    for (const Scenario& scenario : k_scenarios)
        if (scenario.name == name) return &scenario;
    return nullptr;
}

std::vector<ActionMatch> scenario_actions(const Scenario& scenario) {
    std::vector<ActionMatch> matches;
    for (const ScenarioStep& step : scenario.steps) matches.push_back(action_of(step));
    return matches;
}

void play_scenario(const Scenario& scenario, SampleMaker& maker, std::string& buffer,
                   const std::function<void(const ActionMatch&, std::string&)>& emit) {
    maker.share_values(true);
    for (const ScenarioStep& step : scenario.steps) {
        ActionMatch action = action_of(step);
        std::size_t repeat = step.min_repeat == step.max_repeat
                                 ? step.min_repeat
                                 : maker.draw(step.min_repeat, step.max_repeat);
        for (std::size_t i = 0; i < repeat; ++i) {
            if (!step.renewed.empty()) maker.renew(step.renewed);
            buffer.clear();
            maker.append(action, buffer);
            emit(action, buffer);
        }
    }
    maker.share_values(false);
}

}  // namespace flowhook::schema
