#include "check/payloads.hpp"

#include <stdexcept>

#include "schema/catalog.hpp"
#include "schema/sample.hpp"
#include "schema/scenario.hpp"
#include "util/error.hpp"

namespace flowhook::check {
namespace {

// The reference an event is about: the first that is not the tenant, store or user it
// happened in (the order of ORDER_SETTLED, the till of TILL_OPEN), else the first.
std::string_view subject_of(const schema::ActionSpec& spec) {
    std::string_view first;
    for (const schema::FieldSpec& field : spec.fields) {
        if (field.kind != schema::FieldKind::reference) continue;
        if (first.empty()) first = field.name;
        if (field.name != "tenant" && field.name != "store" && field.name != "tenantUser")
            return field.name;
    }
    return first;
}

std::string make(const Payload& payload) {
    auto match = schema::find_action(payload.action);
    try {
        schema::SampleOptions options;
        options.sets = payload.sets;
        options.allow_unknown = payload.allow_unknown;
        options.pretty = false;  // one line, as send --action makes a delivery body
        schema::SampleMaker maker(options);
        return maker.make(*match);
    } catch (const std::invalid_argument& e) {
        throw Error(e.what());
    }
}

}  // namespace

Payload sample(std::string_view spelling, long long id, std::vector<std::string> sets,
               bool allow_unknown) {
    auto match = schema::find_action(spelling);
    if (!match) throw Error("unknown action \"" + std::string(spelling) + "\"");
    Payload payload;
    payload.action = std::string(spelling);
    std::string_view subject = subject_of(*match->spec);
    if (!subject.empty()) payload.sets.push_back(std::string(subject) + ".Id=" + std::to_string(id));
    payload.sets.insert(payload.sets.end(), sets.begin(), sets.end());
    payload.allow_unknown = allow_unknown;
    payload.body = make(payload);
    return payload;
}

std::vector<Malformed> malformed_bodies(long long id) {
    std::string body = sample("ORDER_SETTLED", id).body;
    std::string number = std::to_string(id);
    std::string wrong_type = body;
    std::string id_field = "\"order\":{\"Id\":" + number;
    if (auto at = wrong_type.find(id_field); at != std::string::npos)
        wrong_type.replace(at, id_field.size(), "\"order\":{\"Id\":\"" + number + "\"");
    std::string no_action = body;
    std::string action_field = "\"action\":\"ORDER_SETTLED\",";
    if (auto at = no_action.find(action_field); at != std::string::npos)
        no_action.erase(at, action_field.size());
    return {
        {"not JSON", "this is not JSON", false},
        {"an empty body", "", false},
        {"a body cut short", body.substr(0, body.size() / 2), false},
        {"a JSON array", "[" + body + "]", true},
        {"order.Id as a string", wrong_type, true},
        {"no action", no_action, true},
    };
}

std::vector<std::string> sale_out_of_order(unsigned long long seed) {
    const schema::Scenario* sale = schema::find_scenario("sale");
    schema::SampleOptions options;
    options.random = true;  // linked events: the ids are shared, not the documented ones
    options.seed = seed;
    options.pretty = false;
    schema::SampleMaker maker(options);
    std::string buffer;
    std::vector<std::string> receipts, stock, rest;
    schema::play_scenario(*sale, maker, buffer, [&](const schema::ActionMatch& action,
                                                    std::string& text) {
        if (action.spelling == "ORDER_RECEIPT_SETTLED")
            receipts.push_back(text);
        else if (action.spelling == "STOCK_CHANGE")
            stock.push_back(text);
        else
            rest.push_back(text);
    });
    std::vector<std::string> events = receipts;
    events.insert(events.end(), stock.begin(), stock.end());
    events.insert(events.end(), rest.begin(), rest.end());
    return events;
}

Padded padded_sample(long long id, std::size_t size) {
    constexpr std::string_view k_marker = "flowhook-check-padding";
    Payload payload = sample("ORDER_SETTLED", id, {"order.Uid=" + std::string(k_marker)});
    Padded padded;
    auto at = payload.body.find(k_marker);
    padded.prefix = payload.body.substr(0, at);
    padded.suffix = payload.body.substr(at + k_marker.size());
    std::size_t around = padded.prefix.size() + padded.suffix.size();
    padded.padding = size > around ? size - around : 1;
    padded.body = padded.prefix + std::string(padded.padding, 'x') + padded.suffix;
    return padded;
}

}  // namespace flowhook::check
