#include "cli/catalogue_listing.hpp"

#include <algorithm>

#include "output/json_writer.hpp"
#include "schema/catalog.hpp"
#include "schema/scenario.hpp"

namespace flowhook::cli {
namespace {

using output::JsonWriter;
using output::write_key;
using output::write_string;

constexpr std::size_t k_name_column = 30;

std::string_view documentation_name(schema::Documentation d) {
    return d == schema::Documentation::example ? "example" : "listed";
}

std::string padded(std::string_view text, std::size_t width) {
    std::string s(text);
    s.resize(std::max(width, s.size() + 1), ' ');
    return s;
}

std::string field_list(const schema::ActionSpec& action) {
    std::string list;
    for (const schema::FieldSpec& field : action.fields)
        list += (list.empty() ? "" : ", ") + std::string(field.name) +
                (field.kind == schema::FieldKind::date ? " (YYYY-MM-DD)" : "");
    return list;
}

void write_member(JsonWriter& w, std::string_view key, std::string_view value) {
    write_key(w, key);
    write_string(w, value);
}

void write_references(JsonWriter& w, const schema::ActionSpec& action) {
    write_key(w, "references");
    w.StartArray();
    for (const schema::FieldSpec& field : action.fields)
        if (field.kind == schema::FieldKind::reference) write_string(w, field.name);
    w.EndArray();
    write_key(w, "date");
    w.Bool(action.field("date") != nullptr);
}

void write_action(JsonWriter& w, const schema::ActionSpec& action) {
    write_member(w, "action", action.name);
    write_member(w, "description", action.description);
    write_member(w, "documentation", documentation_name(action.documentation));
    write_references(w, action);
    write_key(w, "aliases");
    w.StartArray();
    for (const schema::AliasSpec& alias : action.aliases) {
        w.StartObject();
        write_member(w, "action", alias.name);
        write_member(w, "documentation", documentation_name(alias.documentation));
        w.EndObject();
    }
    w.EndArray();
}

void write_scenario(JsonWriter& w, const schema::Scenario& scenario) {
    write_member(w, "name", scenario.name);
    write_member(w, "description", scenario.description);
    write_key(w, "steps");
    w.StartArray();
    for (const schema::ScenarioStep& step : scenario.steps) {
        w.StartObject();
        write_member(w, "action", step.action);
        write_key(w, "min");
        w.Uint64(step.min_repeat);
        write_key(w, "max");
        w.Uint64(step.max_repeat);
        write_key(w, "renewed");
        if (step.renewed.empty())
            w.Null();
        else
            write_string(w, step.renewed);
        w.EndObject();
    }
    w.EndArray();
}

// {"<key>": [ {item}, ... ]} and a newline, each item's members written by `write_item`.
template <typename Items, typename WriteItem>
std::string json_listing(std::string_view key, const Items& items, WriteItem write_item) {
    std::string text;
    output::StringSink sink{&text};
    JsonWriter w(sink);
    w.StartObject();
    write_key(w, key);
    w.StartArray();
    for (const auto& item : items) {
        w.StartObject();
        write_item(w, item);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return text + "\n";
}

}  // namespace

std::string catalogue_text() {
    std::string text;
    const std::string indent(k_name_column + 9, ' ');
    for (const schema::ActionSpec& action : schema::actions()) {
        text += padded(action.name, k_name_column) +
                padded(documentation_name(action.documentation), 9) +
                std::string(action.description) + "\n";
        text += indent + "fields: " + field_list(action) + "\n";
        for (const schema::AliasSpec& alias : action.aliases)
            text += padded("  " + std::string(alias.name), k_name_column) +
                    padded(documentation_name(alias.documentation), 9) + "alias of " +
                    std::string(action.name) + "\n";
    }
    return text;
}

std::string catalogue_json() { return json_listing("actions", schema::actions(), write_action); }

std::string scenarios_text() {
    std::string text;
    for (const schema::Scenario& scenario : schema::scenarios()) {
        text += padded(scenario.name, 20) + std::string(scenario.description) + "\n";
        std::string steps;
        for (const schema::ScenarioStep& step : scenario.steps) {
            steps += (steps.empty() ? "" : ", ") + std::string(step.action);
            if (!step.renewed.empty())
                steps += " x" + std::to_string(step.min_repeat) + "-" +
                         std::to_string(step.max_repeat) + " (a " + std::string(step.renewed) +
                         " each)";
        }
        text += std::string(20, ' ') + "steps: " + steps + "\n";
    }
    return text;
}

std::string scenarios_json() {
    return json_listing("scenarios", schema::scenarios(), write_scenario);
}

}  // namespace flowhook::cli
