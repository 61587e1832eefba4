#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

#include "schema/json_schema.hpp"

using namespace flowhook::schema;

namespace {

rapidjson::Document parse(const std::string& text) {
    rapidjson::Document document;
    document.Parse(text.c_str());
    REQUIRE_FALSE(document.HasParseError());
    return document;
}

}  // namespace

TEST_CASE("json_schema_for") {
    const ActionSpec& till_close = *find_action("TILL_CLOSE")->spec;
    auto schema = parse(json_schema_for(till_close, {}));
    CHECK(std::string(schema["$schema"].GetString()) ==
          "https://json-schema.org/draft/2020-12/schema");
    const auto& required = schema["required"];
    REQUIRE(required.Size() == till_close.fields.size() + 1);
    for (std::size_t i = 0; i < till_close.fields.size(); ++i)
        CHECK(till_close.fields[i].name ==
              required[static_cast<rapidjson::SizeType>(i + 1)].GetString());
    CHECK(schema["properties"]["action"]["enum"].Size() == 2);  // TILL_CLOSE, TILL_CLOSED
    const auto& id = schema["$defs"]["reference"]["properties"]["Id"];
    CHECK(id["maximum"].GetInt64() == 9223372036854775807LL);
    CHECK(id["minimum"].GetInt() == 0);
    SUBCASE("the Id says that an integral float is the one verdict validate differs on") {
        std::string comment = id["$comment"].GetString();
        CHECK(comment.find("Known difference with flowhook validate") != std::string::npos);
        CHECK(comment.find("7123.0") != std::string::npos);
        CHECK(std::string(id["description"].GetString()).find("not 7123.0") != std::string::npos);
        CHECK(std::string(schema["$comment"].GetString()).find("integral floats") != std::string::npos);
        CHECK(json_schema_for_all({}).find(comment) != std::string::npos);
    }
    CHECK(std::string(schema["$defs"]["date"]["pattern"].GetString()) == "^\\d{4}-\\d{2}-\\d{2}$");
    SUBCASE("lenient by default, closed when strict") {
        CHECK_FALSE(schema.HasMember("additionalProperties"));
        auto strict = parse(json_schema_for(till_close, {true}));
        CHECK(strict["additionalProperties"].IsFalse());
        CHECK(strict["$defs"]["reference"]["additionalProperties"].IsFalse());
    }
}

TEST_CASE("json_schema_for_all") {
    auto schema = parse(json_schema_for_all({}));
    auto spellings = all_spellings();
    const auto& names = schema["properties"]["action"]["enum"];
    REQUIRE(names.Size() == spellings.size());
    REQUIRE(schema["allOf"].Size() == spellings.size());
    for (rapidjson::SizeType i = 0; i < names.Size(); ++i) {
        CHECK(spellings[i] == names[i].GetString());
        const auto& rule = schema["allOf"][i];
        CHECK(spellings[i] == rule["if"]["properties"]["action"]["const"].GetString());
        std::string target = rule["then"]["$ref"].GetString();
        std::string action(find_action(spellings[i])->spec->name);
        CHECK(target == "#/$defs/" + action);
        CHECK(schema["$defs"].HasMember(action.c_str()));
    }
}
