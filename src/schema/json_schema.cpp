#include "schema/json_schema.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdint>
#include <limits>

namespace flowhook::schema {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

constexpr std::string_view k_dialect = "https://json-schema.org/draft/2020-12/schema";

constexpr std::string_view k_id_description =
    "An integer from 0 to 9223372036854775807, written as an integer: 7123, not 7123.0 or "
    "7.123e3.";

// The one verdict on which this schema and flowhook validate differ (README, "generate").
constexpr std::string_view k_integral_float_comment =
    "Known difference with flowhook validate: JSON Schema counts a number with an integral "
    "value as an integer however it is written, so a JSON Schema validator accepts an Id "
    "written 7123.0 or 7.123e3; flowhook validate rejects it, because receivers that parse "
    "Ids into a 64-bit integer (Go's encoding/json, C#'s long) fail on it.";

void text(Writer& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void key(Writer& w, std::string_view s) {
    w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void ref(Writer& w, std::string_view definition) {
    w.StartObject();
    key(w, "$ref");
    text(w, "#/$defs/" + std::string(definition));
    w.EndObject();
}

std::vector<std::string_view> spellings_of(const ActionSpec& action) {
    std::vector<std::string_view> names{action.name};
    for (const AliasSpec& alias : action.aliases) names.push_back(alias.name);
    return names;
}

void action_property(Writer& w, const std::vector<std::string_view>& spellings) {
    w.StartObject();
    key(w, "type");
    text(w, "string");
    key(w, "enum");
    w.StartArray();
    for (std::string_view name : spellings) text(w, name);
    w.EndArray();
    w.EndObject();
}

// The object rules of one action: its required fields and their types.
void action_rules(Writer& w, const ActionSpec& action, const JsonSchemaOptions& options) {
    key(w, "description");
    text(w, action.description);
    key(w, "type");
    text(w, "object");
    key(w, "required");
    w.StartArray();
    text(w, "action");
    for (const FieldSpec& field : action.fields) text(w, field.name);
    w.EndArray();
    key(w, "properties");
    w.StartObject();
    key(w, "action");
    action_property(w, spellings_of(action));
    for (const FieldSpec& field : action.fields) {
        key(w, field.name);
        ref(w, field.kind == FieldKind::date ? "date" : "reference");
    }
    w.EndObject();
    if (options.strict) {
        key(w, "additionalProperties");
        w.Bool(false);
    }
}

// The shared definitions: a reference {"Id", "Uid"} and a date.
void shared_definitions(Writer& w, const JsonSchemaOptions& options) {
    key(w, "reference");
    w.StartObject();
    key(w, "type");
    text(w, "object");
    key(w, "required");
    w.StartArray();
    text(w, "Id");
    text(w, "Uid");
    w.EndArray();
    key(w, "properties");
    w.StartObject();
    key(w, "Id");
    w.StartObject();
    key(w, "description");
    text(w, k_id_description);
    key(w, "$comment");
    text(w, k_integral_float_comment);
    key(w, "type");
    text(w, "integer");
    key(w, "minimum");
    w.Int(0);
    key(w, "maximum");
    w.Int64(std::numeric_limits<std::int64_t>::max());
    w.EndObject();
    key(w, "Uid");
    w.StartObject();
    key(w, "type");
    text(w, "string");
    key(w, "minLength");
    w.Int(1);
    w.EndObject();
    w.EndObject();
    if (options.strict) {
        key(w, "additionalProperties");
        w.Bool(false);
    }
    w.EndObject();

    key(w, "date");
    w.StartObject();
    key(w, "type");
    text(w, "string");
    key(w, "format");
    text(w, "date");
    key(w, "pattern");
    text(w, "^\\d{4}-\\d{2}-\\d{2}$");
    w.EndObject();
}

void header(Writer& w, std::string_view title) {
    key(w, "$schema");
    text(w, k_dialect);
    key(w, "title");
    text(w, title);
    key(w, "$comment");
    text(w, "Exported by flowhook generate --schema from the catalogue flowhook validate checks "
            "against; the verdicts are the same but on Ids written as integral floats (see "
            "$defs/reference/properties/Id).");
}

// if action is `spelling` then the rules of `action`.
void dispatch(Writer& w, std::string_view spelling, const ActionSpec& action) {
    w.StartObject();
    key(w, "if");
    w.StartObject();
    key(w, "properties");
    w.StartObject();
    key(w, "action");
    w.StartObject();
    key(w, "const");
    text(w, spelling);
    w.EndObject();
    w.EndObject();
    w.EndObject();
    key(w, "then");
    ref(w, action.name);
    w.EndObject();
}

std::string finish(rapidjson::StringBuffer& buffer) {
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace

std::string json_schema_for(const ActionSpec& action, const JsonSchemaOptions& options) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    header(w, "Flow Retail webhook " + std::string(action.name));
    action_rules(w, action, options);
    key(w, "$defs");
    w.StartObject();
    shared_definitions(w, options);
    w.EndObject();
    w.EndObject();
    return finish(buffer);
}

std::string json_schema_for_all(const JsonSchemaOptions& options) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    header(w, "Flow Retail webhook payload");
    key(w, "description");
    text(w, "Any Flow Retail webhook event; the rules applied depend on its action.");
    key(w, "type");
    text(w, "object");
    key(w, "required");
    w.StartArray();
    text(w, "action");
    w.EndArray();
    key(w, "properties");
    w.StartObject();
    key(w, "action");
    action_property(w, all_spellings());
    w.EndObject();
    key(w, "allOf");
    w.StartArray();
    for (const ActionSpec& action : actions())
        for (std::string_view spelling : spellings_of(action)) dispatch(w, spelling, action);
    w.EndArray();
    key(w, "$defs");
    w.StartObject();
    for (const ActionSpec& action : actions()) {
        key(w, action.name);
        w.StartObject();
        action_rules(w, action, options);
        w.EndObject();
    }
    shared_definitions(w, options);
    w.EndObject();
    w.EndObject();
    return finish(buffer);
}

}  // namespace flowhook::schema
