#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cctype>
#include <fstream>
#include <limits>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

#include "schema/assignment.hpp"
#include "schema/random.hpp"
#include "schema/sample.hpp"
#include "schema/sample_values.hpp"
#include "schema/validator.hpp"

using namespace flowhook::schema;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// `json` re-printed by one writer, so two texts compare by content and key order alone.
std::string normalised(const std::string& json) {
    rapidjson::Document document;
    document.Parse(json.c_str());
    REQUIRE_FALSE(document.HasParseError());
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    document.Accept(writer);
    return buffer.GetString();
}

std::string lower(std::string_view text) {
    std::string s(text);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

ActionMatch action(std::string_view spelling) {
    auto match = find_action(spelling);
    REQUIRE(match);
    return *match;
}

std::string make(SampleOptions options, std::string_view spelling) {
    return SampleMaker(std::move(options)).make(action(spelling));
}

SampleOptions random_options(std::uint64_t seed) {
    SampleOptions options;
    options.random = true;
    options.seed = seed;
    return options;
}

SampleOptions with_sets(std::vector<std::string> sets, bool allow_unknown = false) {
    SampleOptions options;
    options.sets = std::move(sets);
    options.allow_unknown = allow_unknown;
    options.pretty = false;
    return options;
}

void check_valid_strict(const std::string& payload) {
    ValidationResult result = validate_text(payload, {true, std::nullopt});
    CAPTURE(payload);
    CHECK(result.findings.empty());
}

std::string error_of(const SampleOptions& options) {
    try {
        SampleMaker maker(options);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    FAIL("no error for " << options.sets.at(0));
    return "";
}

}  // namespace

TEST_CASE("SampleMaker::make (documented examples)") {
    SUBCASE("every documented spelling equals the platform's example") {
        std::size_t compared = 0;
        for (std::string_view spelling : all_spellings()) {
            ActionMatch match = action(spelling);
            if (match.spec->documentation_of(spelling) != Documentation::example) continue;
            CAPTURE(spelling);
            std::string fixture = read_file(std::string(FLOWHOOK_FIXTURES) + "/documented/" +
                                            lower(spelling) + ".json");
            CHECK(normalised(make({}, spelling)) == normalised(fixture));
            ++compared;
        }
        CHECK(compared == 16);
    }
    SUBCASE("listed actions have the shape of their kin and validate") {
        for (std::string_view spelling : all_spellings()) check_valid_strict(make({}, spelling));
    }
    SUBCASE("compact is one line") {
        SampleOptions options;
        options.pretty = false;
        std::string payload = make(options, "TILL_CLOSED");
        CHECK(payload.find('\n') == std::string::npos);
        CHECK(payload.rfind("{\"action\":\"TILL_CLOSED\",", 0) == 0);
    }
}

TEST_CASE("SampleMaker::make (random)") {
    SUBCASE("the same seed gives the same bytes") {
        for (std::string_view spelling : all_spellings())
            CHECK(make(random_options(42), spelling) == make(random_options(42), spelling));
    }
    SUBCASE("a different seed gives different values") {
        CHECK(make(random_options(1), "ORDER_SETTLED") != make(random_options(2), "ORDER_SETTLED"));
    }
    SUBCASE("successive payloads continue the sequence") {
        SampleMaker maker(random_options(5));
        CHECK(maker.make(action("TILL_OPEN")) != maker.make(action("TILL_OPEN")));
    }
    SUBCASE("a known seed gives known bytes on every machine") {
        SampleOptions options = random_options(7);
        options.pretty = false;
        CHECK(make(options, "CUSTOMER_CREATE") ==
              R"({"action":"CUSTOMER_CREATE","tenant":{"Id":982987,"Uid":"oslo-optics"},)"
              R"("customer":{"Id":1,"Uid":"oslo-optics-customer"},)"
              R"("tenantUser":{"Id":945069,"Uid":"73903d05-40d9-46ba-8f95-c6110184b24b"}})");
    }
    SUBCASE("every spelling, many seeds: valid with no finding") {
        for (std::uint64_t seed = 0; seed < 50; ++seed)
            for (std::string_view spelling : all_spellings())
                check_valid_strict(make(random_options(seed), spelling));
    }
}

TEST_CASE("Random") {
    SUBCASE("is xoshiro256** seeded by splitmix64, as published") {
        // Reference values computed from the algorithms' published definitions.
        Random random(0);
        CHECK(random.next() == 11091344671253066420ULL);
        CHECK(random.next() == 13793997310169335082ULL);
        CHECK(random.next() == 1900383378846508768ULL);
    }
    SUBCASE("between stays within its bounds and reaches both") {
        Random random(1);
        std::set<std::uint64_t> seen;
        for (int i = 0; i < 1000; ++i) seen.insert(random.between(3, 6));
        CHECK(seen == std::set<std::uint64_t>{3, 4, 5, 6});
    }
}

TEST_CASE("random values") {
    Random random(99);
    SUBCASE("Ids are positive and JavaScript-safe") {
        for (int i = 0; i < 10000; ++i) {
            std::int64_t id = random_id(random);
            CHECK(id >= 1);
            CHECK(id < (std::int64_t{1} << 53));
        }
    }
    SUBCASE("Uids come in the platform's styles") {
        const std::regex number("[1-9][0-9]*"), slug("[a-z]+(-[a-z0-9]+)+"),
            uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        std::set<int> styles;
        for (int i = 0; i < 300; ++i) {
            ReferenceValue value;
            random_uid(random, "purchaseOrder", random_brand(random), value);
            std::string uid(value.uid_text());
            CAPTURE(uid);
            int style = std::regex_match(uid, number) ? 0
                        : std::regex_match(uid, uuid) ? 2
                        : std::regex_match(uid, slug) ? 1
                                                      : -1;
            CHECK(style >= 0);
            styles.insert(style);
        }
        CHECK(styles.size() == 3);
    }
    SUBCASE("dates are real calendar dates") {
        for (int i = 0; i < 5000; ++i) CHECK(is_calendar_date(random_date(random).view()));
    }
}

TEST_CASE("parse_assignment") {
    SUBCASE("a reference member") {
        auto a = parse_assignment("order.Id=42");
        REQUIRE(a);
        CHECK(a->path == std::vector<std::string>{"order", "Id"});
        CHECK(a->value == "42");
    }
    SUBCASE("the value keeps every '=' after the first, and may be empty") {
        CHECK(parse_assignment("note=a=b")->value == "a=b");
        CHECK(parse_assignment("store.Uid=")->value.empty());
    }
    SUBCASE("malformed") {
        for (const char* text : {"order.Id", "=42", ".Id=1", "order..Id=1", "order.=1",
                                 "order\x01.Id=1", "store.Uid=\xff"}) {
            CAPTURE(text);
            auto a = parse_assignment(text);
            CHECK_FALSE(a);
            CHECK_FALSE(a.error().empty());
        }
    }
}

TEST_CASE("parse_assignment and resolve_assignment on arbitrary input") {
    // A small in-process fuzz: whatever the bytes, a result or a message, never a crash, and
    // a parsed path always has names that are non-empty and free of dots.
    Random random(2024);
    const std::string alphabet = "ab.=I dUi\x01\xc3\xa9\xff" "0-9{}\"[]";
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        for (std::uint64_t n = random.below(16); n > 0; --n)
            text += alphabet[random.below(alphabet.size())];
        auto parsed = parse_assignment(text);
        if (!parsed) {
            CHECK_FALSE(parsed.error().empty());
            continue;
        }
        REQUIRE_FALSE(parsed->path.empty());
        for (const std::string& name : parsed->path)
            CHECK((!name.empty() && name.find('.') == std::string::npos));
        for (bool allow_unknown : {false, true}) {
            auto resolved = resolve_assignment(parsed.value(), "--set x", allow_unknown);
            if (!resolved) {
                CHECK(resolved.error().rfind("--set x: ", 0) == 0);
                continue;
            }
            // What resolves makes a payload that is JSON, whatever the names and value.
            SampleOptions options = with_sets({text}, allow_unknown);
            std::string payload = SampleMaker(options).make(action("TILL_OPEN"));
            for (const Finding& f : validate_text(payload).findings)
                CHECK_MESSAGE(f.code != Code::invalid_json, payload);
        }
    }
}

TEST_CASE("SampleMaker with sets") {
    SUBCASE("Id, Uid and date are typed by the field") {
        SampleMaker maker(with_sets({"order.Id=42", "store.Uid=web-1", "date=2026-01-31"}));
        std::string order = maker.make(action("ORDER_SETTLED"));
        CHECK(order.find(R"("order":{"Id":42,"Uid":"700"})") != std::string::npos);
        CHECK(order.find(R"("store":{"Id":1,"Uid":"web-1"})") != std::string::npos);
        CHECK(maker.make(action("TILL_OPEN")).find(R"("date":"2026-01-31")") != std::string::npos);
    }
    SUBCASE("the largest Id") {
        std::string payload = make(with_sets({"tenant.Id=9223372036854775807"}), "ORDER_SETTLED");
        CHECK(payload.find(R"("Id":9223372036854775807)") != std::string::npos);
        check_valid_strict(payload);
    }
    SUBCASE("action: another spelling of the same action") {
        std::string payload = make(with_sets({"action=TILL_CLOSED"}), "TILL_CLOSE");
        CHECK(payload.rfind(R"({"action":"TILL_CLOSED",)", 0) == 0);
        // A spelling of another action leaves this one alone.
        CHECK(make(with_sets({"action=TILL_CLOSED"}), "TILL_OPEN")
                  .rfind(R"({"action":"TILL_OPEN")", 0) == 0);
        // The last spelling set for an action wins, whatever is set for others in between.
        auto sets = with_sets({"action=TILL_CLOSE", "action=TILL_CLOSED", "action=PRODUCT_MEDIA_CHANGED",
                               "action=PRODUCT_MEDIA_CHANGE"});
        CHECK(make(sets, "TILL_CLOSE").rfind(R"({"action":"TILL_CLOSED",)", 0) == 0);
        CHECK(make(sets, "PRODUCT_MEDIA_CHANGE").rfind(R"({"action":"PRODUCT_MEDIA_CHANGE",)", 0) == 0);
    }
    SUBCASE("the last set of a path wins") {
        std::string payload = make(with_sets({"order.Id=1", "order.Id=2"}), "ORDER_SETTLED");
        CHECK(payload.find(R"("order":{"Id":2,)") != std::string::npos);
    }
    SUBCASE("allow_unknown adds fields, typed as JSON when they parse") {
        std::string payload = make(with_sets({"channel=web", "total=12.5", "tags=[1,2]",
                                              "meta.source.name=pos", "order.Number=\"A-1\""},
                                             true),
                                   "ORDER_SETTLED");
        CHECK(payload.find(R"("order":{"Id":7123,"Uid":"700","Number":"A-1"})") !=
              std::string::npos);
        CHECK(
            payload.find(
                R"("channel":"web","total":12.5,"tags":[1,2],"meta":{"source":{"name":"pos"}}})") !=
            std::string::npos);
        ValidationResult lenient = validate_text(payload);
        CHECK(lenient.valid());
        CHECK(lenient.count(Severity::warning) == 5);  // four top-level fields, order.Number
    }
    SUBCASE("allow_unknown accepts an action the catalogue does not know") {
        std::string payload = make(with_sets({"action=ORDER_REFUNDED"}, true), "ORDER_SETTLED");
        CHECK(payload.rfind(R"({"action":"ORDER_REFUNDED",)", 0) == 0);
    }
    SUBCASE("sets apply with random values too, and leave the others unchanged") {
        SampleOptions options = random_options(11);
        options.pretty = false;
        std::string plain = make(options, "ORDER_SETTLED");
        options.sets = {"order.Id=42"};
        std::string set = make(options, "ORDER_SETTLED");
        CHECK(set.find(R"("order":{"Id":42,)") != std::string::npos);
        CHECK(plain.substr(0, plain.find("\"order\"")) == set.substr(0, set.find("\"order\"")));
    }
}

TEST_CASE("SampleMaker errors") {
    struct Case {
        const char* set;
        const char* message;
    };
    for (const Case& c : {
             Case{"order.Id", "--set order.Id: expected PATH=VALUE"},
             Case{"order.Id=abc", "order.Id takes an integer from 0 to 9223372036854775807"},
             Case{"order.Id=-1", "order.Id takes an integer from 0"},
             Case{"order.Id=+1", "order.Id takes an integer from 0"},
             Case{"order.Id=1.5", "order.Id takes an integer from 0"},
             Case{"order.Id=9223372036854775808", "order.Id takes an integer from 0"},
             Case{"order.Id=", "order.Id takes an integer from 0"},
             Case{"store.Uid=", "store.Uid takes a non-empty string"},
             Case{"date=2026-02-30", "date takes a calendar date YYYY-MM-DD"},
             Case{"date=31.01.2026", "date takes a calendar date YYYY-MM-DD"},
             Case{"order=7", "order is a reference; set order.Id or order.Uid"},
             Case{"order.Id.x=1", "order.Id is a scalar"},
             Case{"order.Number=1", "unknown field order.Number"},
             Case{"sotre.Id=1", "unknown field \"sotre\""},
             Case{"action=ORDER_SETLED", "did you mean \"ORDER_SETTLED\"?"},
             Case{"action=", "action takes a non-empty string"},
         }) {
        CAPTURE(c.set);
        std::string message = error_of(with_sets({c.set}));
        CHECK_MESSAGE(message.find(c.message) != std::string::npos, message);
        CHECK(message.rfind(std::string("--set ") + c.set, 0) == 0);
    }
    SUBCASE("a set that none of the payloads carries") {
        SampleMaker maker(with_sets({"date=2026-01-31"}));
        CHECK_THROWS_AS(maker.check_sets_apply({action("ORDER_SETTLED")}), std::invalid_argument);
        CHECK_NOTHROW(maker.check_sets_apply({action("ORDER_SETTLED"), action("TILL_OPEN")}));
    }
    SUBCASE("an unknown field set to a scalar has no fields") {
        SampleOptions options = with_sets({"meta=1", "meta.x=2"}, true);
        CHECK_THROWS_AS(SampleMaker{options}, std::invalid_argument);
    }
}

TEST_CASE("SampleMaker::share_values") {
    SampleMaker maker(random_options(3));
    maker.share_values(true);
    std::string first = maker.make(action("TILL_OPEN"));
    std::string second = maker.make(action("TILL_CLOSE"));
    CHECK(first.substr(first.find("\"tenant\"")) == second.substr(second.find("\"tenant\"")));
    maker.renew("till");
    std::string third = maker.make(action("TILL_CLOSE"));
    CHECK(third != second);
    CHECK(third.substr(third.find("\"tenantUser\"")) ==
          second.substr(second.find("\"tenantUser\"")));
}
