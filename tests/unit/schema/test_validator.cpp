#include <doctest/doctest.h>

// GCC 12 at -O3 warns about "literal" + std::string&& (a false positive, GCC bug 105329);
// clang has no -Wrestrict and would warn about the pragma itself.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "schema/validator.hpp"

using namespace flowhook::schema;

namespace {

// A payload as text, member by member, so a test can put any raw JSON (7.0, 1e30, a number
// beyond 64 bits, a duplicate key) exactly where it wants.
struct PayloadText {
    std::vector<std::pair<std::string, std::string>> members;  // name, raw JSON value

    std::string text() const {
        std::string out = "{";
        for (const auto& [name, value] : members)
            out += (out.size() > 1 ? ",\n  \"" : "\n  \"") + name + "\": " + value;
        return out + "\n}";
    }
    void set(const std::string& name, const std::string& value) {
        for (auto& member : members)
            if (member.first == name) {
                member.second = value;
                return;
            }
        members.emplace_back(name, value);
    }
    void erase(const std::string& name) {
        std::erase_if(members, [&](const auto& member) { return member.first == name; });
    }
};

ValidateOptions strict() {
    ValidateOptions options;
    options.strict = true;
    return options;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string reference(const std::string& id, const std::string& uid) {
    return "{\"Id\": " + id + ", \"Uid\": " + uid + "}";
}

// The documented shape of `spec`, spelled `spelling`.
PayloadText example_of(const ActionSpec& spec, std::string_view spelling = {}) {
    PayloadText payload;
    payload.set("action", quoted(spelling.empty() ? spec.name : spelling));
    for (const FieldSpec& field : spec.fields) {
        if (field.kind == FieldKind::date)
            payload.set(std::string(field.name), quoted(field.example_text));
        else
            payload.set(std::string(field.name),
                        reference(std::to_string(field.example_id), quoted(field.example_text)));
    }
    return payload;
}

const ActionSpec& spec_named(std::string_view name) { return *find_action(name)->spec; }

ValidationResult check(const PayloadText& payload, const ValidateOptions& options = {}) {
    return validate_text(payload.text(), options);
}

// The one finding of `result`; fails the test when there are none or several.
Finding only_finding(const ValidationResult& result) {
    INFO("findings: " << [&] {
        std::string all;
        for (const Finding& f : result.findings) all += f.message + "; ";
        return all;
    }());
    REQUIRE(result.findings.size() == 1);
    return result.findings.front();
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> reference_fields(const ActionSpec& spec) {
    std::vector<std::string> names;
    for (const FieldSpec& field : spec.fields)
        if (field.kind == FieldKind::reference) names.emplace_back(field.name);
    return names;
}

}  // namespace

TEST_CASE("validate_text: the platform's documented examples") {
    std::size_t files = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(FLOWHOOK_FIXTURES) + "/documented")) {
        CAPTURE(entry.path().string());
        ++files;
        ValidationResult result = validate_text(read_file(entry.path()), strict());
        CHECK(result.findings.empty());
        CHECK(result.valid());
        REQUIRE(result.action);
        CHECK(entry.path().stem().string() ==
              [&] {
                  std::string name(result.action->spelling);
                  for (char& c : name) c = static_cast<char>(std::tolower(c));
                  return name;
              }());
    }
    CHECK(files == 16);
}

TEST_CASE("validate_text: every action's documented shape is valid") {
    for (const ActionSpec& spec : actions()) {
        CAPTURE(spec.name);
        CHECK(check(example_of(spec), strict()).findings.empty());
    }
}

TEST_CASE("validate_text: a missing field") {
    for (const ActionSpec& spec : actions()) {
        CAPTURE(spec.name);
        SUBCASE("a whole field") {
            for (const FieldSpec& field : spec.fields) {
                CAPTURE(field.name);
                PayloadText payload = example_of(spec);
                payload.erase(std::string(field.name));
                Finding f = only_finding(check(payload));
                CHECK(f.code == Code::missing_field);
                CHECK(f.severity == Severity::error);
                CHECK(f.pointer == "/" + std::string(field.name));
                CHECK(f.message.starts_with("/" + std::string(field.name) + ": missing; "));
            }
        }
        SUBCASE("Id or Uid inside a reference") {
            for (const std::string& name : reference_fields(spec)) {
                CAPTURE(name);
                PayloadText without_id = example_of(spec), without_uid = example_of(spec);
                without_id.set(name, "{\"Uid\": \"7\"}");
                without_uid.set(name, "{\"Id\": 7}");
                Finding id = only_finding(check(without_id));
                CHECK(id.code == Code::missing_field);
                CHECK(id.pointer == "/" + name + "/Id");
                CHECK(id.message == "/" + name + "/Id: missing; a reference carries an integer Id");
                Finding uid = only_finding(check(without_uid));
                CHECK(uid.code == Code::missing_field);
                CHECK(uid.pointer == "/" + name + "/Uid");
            }
        }
    }
}

TEST_CASE("validate_text: a wrong value in a reference") {
    struct Case {
        std::string id, uid;
        Code code;
        std::string pointer_tail, message_tail;
    };
    const std::vector<Case> cases = {
        {"\"7\"", "\"7\"", Code::wrong_type, "/Id", "expected an integer, got the string \"7\""},
        {"7.0", "\"7\"", Code::wrong_type, "/Id", "expected an integer, got the number 7.0"},
        {"7.5", "\"7\"", Code::wrong_type, "/Id", "expected an integer, got the number 7.5"},
        {"true", "\"7\"", Code::wrong_type, "/Id", "expected an integer, got true"},
        {"null", "\"7\"", Code::wrong_type, "/Id", "expected an integer, got null"},
        {"-1", "\"7\"", Code::out_of_range, "/Id",
         "expected an integer from 0 to 2^63-1, got the number -1"},
        {"9223372036854775808", "\"7\"", Code::out_of_range, "/Id",
         "expected an integer from 0 to 2^63-1, got the number 9223372036854775808"},
        {"99999999999999999999999", "\"7\"", Code::out_of_range, "/Id",
         "expected an integer from 0 to 2^63-1, got the number 99999999999999999999999"},
        {"1e30", "\"7\"", Code::out_of_range, "/Id",
         "expected an integer from 0 to 2^63-1, got the number 1e30"},
        {"7", "7", Code::wrong_type, "/Uid", "expected a string, got the number 7"},
        {"7", "\"\"", Code::empty_value, "/Uid", "is empty; a Uid is a non-empty string"},
        {"7", "{}", Code::wrong_type, "/Uid", "expected a string, got an object"},
    };
    for (const ActionSpec& spec : actions()) {
        CAPTURE(spec.name);
        for (const std::string& name : reference_fields(spec)) {
            CAPTURE(name);
            for (const Case& c : cases) {
                CAPTURE(c.id);
                CAPTURE(c.uid);
                PayloadText payload = example_of(spec);
                payload.set(name, reference(c.id, c.uid));
                std::string text = payload.text();
                Finding f = only_finding(validate_text(text));
                std::string pointer = "/" + name + c.pointer_tail;
                CHECK(f.code == c.code);
                CHECK(f.pointer == pointer);
                CHECK(f.message == pointer + ": " + c.message_tail);
                // The finding points at the offending member's key.
                REQUIRE(f.offset);
                CHECK(text.substr(*f.offset, c.pointer_tail.size() + 1) ==
                      "\"" + c.pointer_tail.substr(1) + "\"");
            }
        }
    }
}

TEST_CASE("validate_text: the largest Id and zero are valid") {
    PayloadText payload = example_of(spec_named("ORDER_SETTLED"));
    payload.set("order", reference("9223372036854775807", "\"x\""));
    payload.set("store", reference("0", "\"x\""));
    CHECK(check(payload).findings.empty());
}

TEST_CASE("validate_text: a reference that is not an object") {
    for (const ActionSpec& spec : actions()) {
        CAPTURE(spec.name);
        for (const std::string& name : reference_fields(spec)) {
            // Plain locals, not a structured binding: clang before 16 cannot capture one in CAPTURE.
            for (const auto& example :
                 std::map<std::string, std::string>{{"\"7\"", "the string \"7\""},
                                                    {"[7, \"7\"]", "an array"},
                                                    {"null", "null"},
                                                    {"7", "the number 7"}}) {
                const std::string& value = example.first;
                const std::string& described = example.second;
                CAPTURE(name);
                CAPTURE(value);
                PayloadText payload = example_of(spec);
                payload.set(name, value);
                Finding f = only_finding(check(payload));
                CHECK(f.code == Code::wrong_type);
                CHECK(f.pointer == "/" + name);
                CHECK(f.message == "/" + name +
                                       ": expected a reference object {\"Id\": ..., \"Uid\": ...}, "
                                       "got " + described);
            }
        }
    }
}

TEST_CASE("validate_text: the message names the offending value as a person reads it") {
    PayloadText payload = example_of(spec_named("ORDER_SETTLED"));
    payload.set("order", reference("\"7123\"", "\"700\""));
    CHECK(only_finding(check(payload)).message ==
          "/order/Id: expected an integer, got the string \"7123\"");
}

TEST_CASE("validate_text: every finding of a payload is reported") {
    PayloadText payload = example_of(spec_named("ORDER_SETTLED"));
    payload.set("order", reference("\"7\"", "7"));
    payload.set("store", "null");
    payload.erase("tenant");
    payload.set("extra", "1");
    ValidationResult result = check(payload);
    CHECK(result.findings.size() == 5);
    CHECK(result.count(Severity::error) == 4);
    CHECK(result.count(Severity::warning) == 1);
    CHECK_FALSE(result.valid());
}

TEST_CASE("validate_text: dates") {
    for (std::string_view till : {"TILL_OPEN", "TILL_CLOSE", "TILL_CLOSED"}) {
        CAPTURE(till);
        for (const char* good : {"2022-10-18", "2024-02-29", "2000-02-29", "1999-12-31"}) {
            PayloadText payload = example_of(spec_named(till), till);
            payload.set("date", quoted(good));
            CHECK(check(payload).findings.empty());
        }
        for (const char* bad : {"2022-02-30", "2023-02-29", "1900-02-29", "2022-13-01",
                                "2022-00-10", "2022-04-31", "2022-01-00", "22-10-18",
                                "2022-1-05", "2022-10-18T10:00:00Z", "2022/10/18", ""}) {
            CAPTURE(bad);
            PayloadText payload = example_of(spec_named(till), till);
            payload.set("date", quoted(bad));
            Finding f = only_finding(check(payload));
            CHECK(f.code == Code::invalid_date);
            CHECK(f.pointer == "/date");
            CHECK(f.message == "/date: expected a calendar date YYYY-MM-DD, got \"" +
                                   std::string(bad) + "\"");
        }
        PayloadText number = example_of(spec_named(till), till);
        number.set("date", "20221018");
        Finding f = only_finding(check(number));
        CHECK(f.code == Code::wrong_type);
        CHECK(f.message == "/date: expected a date string YYYY-MM-DD, got the number 20221018");
    }
}

TEST_CASE("validate_text: aliases are accepted and the spelling is reported") {
    for (const ActionSpec& spec : actions()) {
        for (const AliasSpec& alias : spec.aliases) {
            CAPTURE(alias.name);
            ValidationResult result = check(example_of(spec, alias.name), strict());
            CHECK(result.findings.empty());
            REQUIRE(result.action);
            CHECK(result.action->spec == &spec);
            CHECK(result.action->spelling == alias.name);
            CHECK(result.action->is_alias());
        }
    }
    ValidationResult canonical = check(example_of(spec_named("TILL_CLOSE")));
    REQUIRE(canonical.action);
    CHECK(canonical.action->spelling == "TILL_CLOSE");
    CHECK_FALSE(canonical.action->is_alias());
}

TEST_CASE("validate_text: the action") {
    SUBCASE("unknown, with a suggestion") {
        PayloadText payload = example_of(spec_named("ORDER_SETTLED"));
        payload.set("action", "\"ORDER_SETLED\"");
        Finding f = only_finding(check(payload));
        CHECK(f.code == Code::unknown_action);
        CHECK(f.pointer == "/action");
        CHECK(f.message == "/action: unknown action \"ORDER_SETLED\"; did you mean \"ORDER_SETTLED\"?");
    }
    SUBCASE("unknown, nothing close") {
        Finding f = only_finding(validate_text(R"({"action": "REFUND_ISSUED_TWICE_OVER"})"));
        CHECK(f.code == Code::unknown_action);
        CHECK(f.message == "/action: unknown action \"REFUND_ISSUED_TWICE_OVER\"");
    }
    SUBCASE("missing") {
        for (const char* text : {"{}", R"({"tenant": {"Id": 7, "Uid": "7"}})"}) {
            Finding f = only_finding(validate_text(text));
            CHECK(f.code == Code::missing_field);
            CHECK(f.pointer == "/action");
            CHECK(f.message == "/action: missing; every event names its action");
        }
    }
    SUBCASE("not a string, or empty") {
        Finding number = only_finding(validate_text(R"({"action": 7})"));
        CHECK(number.code == Code::wrong_type);
        CHECK(number.message == "/action: expected a string, got the number 7");
        Finding empty = only_finding(validate_text(R"({"action": ""})"));
        CHECK(empty.code == Code::empty_value);
    }
    SUBCASE("a long unknown action is quoted in part, never cut inside a character") {
        std::string name(39, 'X');
        name += "\xC3\xA9\xC3\xA9\xC3\xA9";  // "é" straddles the cut
        Finding f = only_finding(validate_text("{\"action\": \"" + name + "\"}"));
        CHECK(f.message == "/action: unknown action \"" + std::string(39, 'X') + "...\"");
    }
}

TEST_CASE("validate_text: a payload that is not an object") {
    // Plain locals, not a structured binding: clang before 16 cannot capture one in CAPTURE.
    for (const auto& example :
         std::map<std::string, std::string>{{"[]", "an array"},
                                            {"\"ORDER_SETTLED\"", "the string \"ORDER_SETTLED\""},
                                            {"7", "the number 7"},
                                            {"null", "null"},
                                            {"false", "false"}}) {
        const std::string& text = example.first;
        const std::string& described = example.second;
        CAPTURE(text);
        Finding f = only_finding(validate_text(text));
        CHECK(f.code == Code::not_an_object);
        CHECK(f.pointer == "");
        CHECK(f.message == "expected a JSON object, got " + described);
    }
}

TEST_CASE("validate_text: text that is not JSON") {
    SUBCASE("a syntax error, with its offset") {
        Finding f = only_finding(validate_text("{\"action\": \"ORDER_SETTLED\" \"tenant\": 1}"));
        CHECK(f.code == Code::invalid_json);
        CHECK(f.message == "not JSON: missing a comma or '}' after an object member");
        CHECK(f.offset == 27u);
    }
    SUBCASE("empty") {
        Finding f = only_finding(validate_text(""));
        CHECK(f.code == Code::invalid_json);
        CHECK(f.message == "not JSON: the text is empty");
    }
    SUBCASE("a NUL byte after a valid payload: a parser would stop there, unseen") {
        PayloadText payload = example_of(spec_named("ORDER_SETTLED"));
        std::string text = payload.text();
        std::size_t end = text.size();
        text += std::string("\0{junk", 6);
        Finding f = only_finding(validate_text(text));
        CHECK(f.code == Code::invalid_json);
        CHECK(f.offset == end);
        CHECK(f.message == "not JSON: a NUL byte in the text (a string spells it \\u0000)");
        Finding inside = only_finding(validate_text(std::string("{\"action\": \"A\0B\"}", 17)));
        CHECK(inside.offset == 13u);
        CHECK(inside.message == f.message);
    }
    SUBCASE("invalid UTF-8 inside a string: which byte, and what is wrong with it") {
        Finding f = only_finding(validate_text("{\"action\": \"ORDER_\xFF\xFE\"}"));
        CHECK(f.code == Code::invalid_json);
        CHECK(f.offset == 18u);
        CHECK(f.message == "not JSON: an invalid UTF-8 sequence in a string: 0xFF is never in UTF-8");
        struct Case {
            std::string text;
            std::size_t offset;
            std::string message;
        };
        const std::string cut = "not JSON: a cut UTF-8 sequence in a string: ";
        const std::string invalid = "not JSON: an invalid UTF-8 sequence in a string: ";
        for (const Case& c : {
                 Case{"{\"a\": \"\xC3\"}", 7, cut + "0xC3 starts a 2-byte character, only 1 byte of it before 0x22"},
                 Case{"{\"a\": \"\xF0\x9F\x98\"}", 7, cut + "0xF0 starts a 4-byte character, only 3 bytes of it before 0x22"},
                 Case{"{\"a\": \"\xE2\x82", 7, cut + "0xE2 starts a 3-byte character, only 2 bytes of it before the payload ends"},
                 Case{std::string("{\"a\": \"\xF0\0\"}", 11), 7, cut + "0xF0 starts a 4-byte character, only 1 byte of it before 0x00"},
                 Case{"{\"a\": \"\x80\"}", 7, invalid + "0x80 continues no character"},
                 Case{"{\"a\": \"\xC0\xAF\"}", 7, invalid + "0xC0 is never in UTF-8"},
                 Case{"{\"a\": \"\xE0\x80\xAF\"}", 7, invalid + "0xE0 0x80 starts an overlong encoding"},
                 Case{"{\"a\": \"\xED\xA0\x80\"}", 7, invalid + "0xED 0xA0 starts a UTF-16 surrogate"},
                 Case{"{\"a\": \"\xF4\x90\x80\x80\"}", 7, invalid + "0xF4 0x90 starts a character beyond U+10FFFF"},
             }) {
            CAPTURE(c.text);
            Finding g = only_finding(validate_text(c.text));
            CHECK(g.code == Code::invalid_json);
            CHECK(g.offset == c.offset);
            CHECK(g.message == c.message);
        }
    }
    SUBCASE("a cut UTF-8 sequence after escapes, at the very end: never \"a NUL byte\"") {
        // In situ, the escapes shift the parser's writes left, and the UTF-8 check copies the
        // NUL after the text over the sequence's first byte (fuzzing found it; issue 17).
        for (std::string escapes : {"\\t", "\\t\\n", "\\t\\n\\r", "\\u00e9\\u00e9"}) {
            CAPTURE(escapes);
            for (std::string tail : {"\xF0", "\xF0\x9F", "\xF0\x9F\x98", "\xE2", "\xC3"}) {
                std::string text = "  \"na" + escapes + "aii" + tail;
                Finding f = only_finding(validate_text(text));
                CHECK(f.offset == text.size() - tail.size());
                CHECK(f.message.find("NUL") == std::string::npos);
                CHECK(f.message.rfind("not JSON: a cut UTF-8 sequence in a string: ", 0) == 0);
                CHECK(f.message.find("before the payload ends") != std::string::npos);
            }
        }
    }
}

TEST_CASE("validate_text: unknown fields, and strict mode") {
    const ActionSpec& spec = spec_named("ORDER_SETTLED");
    struct Case {
        std::string field, value, pointer;
    };
    for (const Case& c : {Case{"note", "\"hi\"", "/note"},
                          Case{"till", reference("1", "\"1\""), "/till"},
                          Case{"order", "{\"Id\": 1, \"Uid\": \"1\", \"Number\": 9}", "/order/Number"},
                          Case{"a/b~c", "1", "/a~1b~0c"}}) {
        CAPTURE(c.pointer);
        PayloadText payload = example_of(spec);
        payload.set(c.field, c.value);
        Finding lenient = only_finding(check(payload));
        CHECK(lenient.code == Code::unknown_field);
        CHECK(lenient.severity == Severity::warning);
        CHECK(lenient.pointer == c.pointer);
        CHECK(check(payload).valid());
        Finding strict_finding = only_finding(check(payload, strict()));
        CHECK(strict_finding.code == Code::unknown_field);
        CHECK(strict_finding.severity == Severity::error);
        CHECK_FALSE(check(payload, strict()).valid());
    }
    PayloadText other_reference = example_of(spec);
    other_reference.set("till", reference("1", "\"1\""));
    CHECK(only_finding(check(other_reference)).message ==
          "/till: is not a reference the platform documents for ORDER_SETTLED");
}

TEST_CASE("validate_text: a key twice in one object") {
    const std::string head = R"({"action": "ORDER_SETTLED", "tenant": {"Id": 7, "Uid": "7"},
        "store": {"Id": 1, "Uid": "70"}, "tenantUser": {"Id": 7, "Uid": "9"}, )";
    SUBCASE("a reference") {
        Finding f = only_finding(validate_text(
            head + R"("order": {"Id": 1, "Uid": "1"}, "order": {"Id": 2, "Uid": "2"}})"));
        CHECK(f.code == Code::duplicate_field);
        CHECK(f.pointer == "/order");
        CHECK(f.message == "/order: appears more than once in the same object");
    }
    SUBCASE("the action") {
        Finding f = only_finding(validate_text(
            head + R"("order": {"Id": 1, "Uid": "1"}, "action": "ORDER_SETTLED"})"));
        CHECK(f.code == Code::duplicate_field);
        CHECK(f.pointer == "/action");
    }
    SUBCASE("an Id inside a reference") {
        Finding f = only_finding(validate_text(head + R"("order": {"Id": 1, "Uid": "1", "Id": 2}})"));
        CHECK(f.code == Code::duplicate_field);
        CHECK(f.pointer == "/order/Id");
    }
}

TEST_CASE("validate_text: a required action (validate --action)") {
    PayloadText delivered = example_of(spec_named("ORDER_DELIVERED"));
    ValidateOptions require_settled{.strict = false, .require = "ORDER_SETTLED"};
    Finding f = only_finding(check(delivered, require_settled));
    CHECK(f.code == Code::action_mismatch);
    CHECK(f.pointer == "/action");
    CHECK(f.message == "/action: expected ORDER_SETTLED, got ORDER_DELIVERED");
    CHECK(check(example_of(spec_named("ORDER_SETTLED")), require_settled).findings.empty());
    // Any spelling of the required action matches any spelling of the payload's.
    ValidateOptions require_closed{.strict = false, .require = "TILL_CLOSED"};
    CHECK(check(example_of(spec_named("TILL_CLOSE")), require_closed).findings.empty());
    CHECK(check(example_of(spec_named("TILL_CLOSE"), "TILL_CLOSED"), require_closed).findings.empty());
}

TEST_CASE("validate_text: values nested 100,000 levels deep") {
    // The validator and the messages must never recurse into a value they do not need.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const std::string deep_object = [] {
        std::string text;
        for (int i = 0; i < 100000; ++i) text += "{\"a\":";
        return text + "1" + std::string(100000, '}');
    }();
    PayloadText payload = example_of(spec_named("ORDER_SETTLED"));
    SUBCASE("as a reference") {
        payload.set("order", deep);
        CHECK(only_finding(check(payload)).message ==
              "/order: expected a reference object {\"Id\": ..., \"Uid\": ...}, got an array");
    }
    SUBCASE("as an Id, a Uid and an unknown field") {
        payload.set("order", reference(deep, deep_object));
        payload.set("note", deep_object);
        ValidationResult result = check(payload);
        CHECK(result.findings.size() == 3);
    }
    SUBCASE("as the action, and as the payload") {
        CHECK(only_finding(validate_text("{\"action\":" + deep + "}")).code == Code::wrong_type);
        CHECK(only_finding(validate_text(deep)).code == Code::not_an_object);
        CHECK(only_finding(validate_text(deep_object)).code == Code::missing_field);
    }
}

TEST_CASE("validate: without the text, findings carry no offset") {
    rapidjson::Document document;
    document.Parse(R"({"action": "ORDER_SETTLED"})");
    ValidationResult result;
    validate(document, {}, {}, result);
    CHECK(result.findings.size() == 4);
    for (const Finding& f : result.findings) CHECK_FALSE(f.offset);
    result.clear();
    CHECK(result.findings.empty());
    CHECK_FALSE(result.action);
}

TEST_CASE("is_calendar_date") {
    CHECK(is_calendar_date("2024-02-29"));
    CHECK(is_calendar_date("2022-12-31"));
    CHECK_FALSE(is_calendar_date("2022-02-30"));
    CHECK_FALSE(is_calendar_date("2023-02-29"));
    CHECK_FALSE(is_calendar_date("2022-13-01"));
    CHECK_FALSE(is_calendar_date("22-10-18"));
    CHECK_FALSE(is_calendar_date("2022-1-05"));
    CHECK_FALSE(is_calendar_date("2022-01-5 "));
    CHECK_FALSE(is_calendar_date("2022-0a-05"));
}

TEST_CASE("pointer_token") {
    CHECK(pointer_token("order") == "order");
    CHECK(pointer_token("a/b~c") == "a~1b~0c");
    CHECK(pointer_token("") == "");
}

TEST_CASE("code_name") {
    std::set<std::string_view> names;
    for (int c = 0; c <= static_cast<int>(Code::unknown_field); ++c)
        names.insert(code_name(static_cast<Code>(c)));
    CHECK(names.size() == static_cast<std::size_t>(Code::unknown_field) + 1);
    CHECK(code_name(Code::missing_field) == "missing-field");
    CHECK(severity_name(Severity::warning) == "warning");
}
