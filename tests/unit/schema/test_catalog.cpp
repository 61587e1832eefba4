#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.hpp"

using namespace flowhook::schema;

TEST_CASE("actions") {
    SUBCASE("covers every action the platform lists") {
        for (const char* name :
             {"ORDER_SETTLED", "ORDER_DELIVERED", "ORDER_HANDLING_STATE_CHANGED",
              "ORDER_RECEIPT_SETTLED", "CUSTOMER_CREATE", "CUSTOMER_UPDATE", "CUSTOMER_DELETE",
              "PRODUCT_CREATE", "PRODUCT_UPDATE", "PRODUCT_DELETE", "PRODUCT_MEDIA_CHANGE",
              "PRODUCT_MEDIA_CHANGED", "TILL_OPEN", "TILL_CLOSE", "TILL_CLOSED", "PRICE_CREATE",
              "PRICE_UPDATE", "PRICE_DELETE", "STOCK_CHANGE", "PURCHASE_RECEIVED"}) {
            CAPTURE(name);
            CHECK(find_action(name).has_value());
        }
        CHECK(actions().size() == 18);
    }
    SUBCASE("every action carries tenant and tenantUser, and only known references") {
        for (const ActionSpec& spec : actions()) {
            CAPTURE(spec.name);
            CHECK(spec.field("tenant") != nullptr);
            CHECK(spec.field("tenantUser") != nullptr);
            for (const FieldSpec& field : spec.fields)
                CHECK((field.kind == FieldKind::date || is_reference_name(field.name)));
        }
    }
    SUBCASE("an alias's example has the action's fields in the same order") {
        for (const ActionSpec& spec : actions())
            for (const AliasSpec& alias : spec.aliases) {
                const auto& example = spec.example_for(alias.name);
                REQUIRE(example.size() == spec.fields.size());
                for (std::size_t i = 0; i < example.size(); ++i)
                    CHECK(example[i].name == spec.fields[i].name);
            }
    }
    SUBCASE("till events carry a date; others do not") {
        for (const ActionSpec& spec : actions()) {
            bool till = std::string(spec.name).rfind("TILL_", 0) == 0;
            CHECK((spec.field("date") != nullptr) == till);
        }
    }
    SUBCASE("spellings are unique") {
        auto spellings = all_spellings();
        std::set<std::string_view> unique(spellings.begin(), spellings.end());
        CHECK(unique.size() == spellings.size());
        CHECK(spellings.size() == 20);
    }
}

TEST_CASE("find_action") {
    SUBCASE("canonical name") {
        auto match = find_action("TILL_CLOSE");
        REQUIRE(match);
        CHECK_FALSE(match->is_alias());
    }
    SUBCASE("alias reports the spelling used") {
        auto match = find_action("TILL_CLOSED");
        REQUIRE(match);
        CHECK(match->is_alias());
        CHECK(match->spec->name == "TILL_CLOSE");
        CHECK(match->spelling == "TILL_CLOSED");
        CHECK(match->spec->documentation_of("TILL_CLOSED") == Documentation::listed);
    }
    SUBCASE("case matters, as on the platform") { CHECK_FALSE(find_action("order_settled")); }
}

namespace {

// The full Levenshtein table, ignoring case: what suggest_action computed before it bounded
// its work, as a reference.
std::size_t full_edit_distance(std::string_view a, std::string_view b) {
    auto fold = [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); };
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({above + 1, row[j - 1] + 1,
                               diagonal + (fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The first spelling at the smallest distance, if within the tolerance: the reference answer.
std::string_view reference_suggestion(std::string_view name) {
    std::string_view best;
    std::size_t best_distance = 0;
    for (std::string_view candidate : all_spellings()) {
        std::size_t d = full_edit_distance(name, candidate);
        if (best.empty() || d < best_distance) {
            best = candidate;
            best_distance = d;
        }
    }
    return best_distance <= std::max<std::size_t>(2, name.size() / 4) ? best : std::string_view{};
}

}  // namespace

TEST_CASE("suggest_action agrees with the full table on random typos") {
    std::mt19937 random(25);
    const std::string letters = "ABCDEORSTUVXY_acdelorst";
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
    for (std::string_view spelling : all_spellings()) {
        for (int variant = 0; variant < 300; ++variant) {
            std::string name(spelling);
            for (std::size_t edits = 1 + pick(6); edits > 0; --edits) {
                std::size_t at = pick(name.size() + 1);
                char letter = letters[pick(letters.size())];
                switch (pick(3)) {
                    case 0: name.insert(at, 1, letter); break;
                    case 1: if (at < name.size()) name.erase(at, 1); break;
                    default: if (at < name.size()) name[at] = letter;
                }
            }
            CAPTURE(name);
            CHECK(suggest_action(name) == reference_suggestion(name));
        }
    }
}

TEST_CASE("suggest_action") {
    SUBCASE("typos and case") {
        CHECK(suggest_action("ORDER_SETLED") == "ORDER_SETTLED");
        CHECK(suggest_action("order_settled") == "ORDER_SETTLED");
        CHECK(suggest_action("Order_Setled") == "ORDER_SETTLED");
        CHECK(suggest_action("XRDER_SETTLED") == "ORDER_SETTLED");  // the first letter wrong
        CHECK(suggest_action("ORDER__SETTLEDD") == "ORDER_SETTLED");
        CHECK(suggest_action("TILL_CLOSD") == "TILL_CLOSE");
        CHECK(suggest_action("PRODUCT_MEDIA_CHANGES") == "PRODUCT_MEDIA_CHANGE");
        CHECK(suggest_action("ORDER_HANDLING_STATE_CHNGED") == "ORDER_HANDLING_STATE_CHANGED");
    }
    SUBCASE("the closest spelling wins") {
        CHECK(suggest_action("TILL_CLOSEDD") == "TILL_CLOSED");
        CHECK(suggest_action("TILL_CLOSX") == "TILL_CLOSE");
        CHECK(suggest_action("PRODUCT_MEDIA_CHANGEDD") == "PRODUCT_MEDIA_CHANGED");
    }
    SUBCASE("nothing close enough") {
        CHECK(suggest_action("SOMETHING_ELSE_ENTIRELY").empty());
        CHECK(suggest_action("ORDER").empty());
        CHECK(suggest_action("ORDER_SETTLED_AND_DELIVERED_TOO").empty());
    }
    SUBCASE("a huge name gets no suggestion") {
        CHECK(suggest_action(std::string(4 << 20, 'A')).empty());
        CHECK(suggest_action("ORDER_SETTLED" + std::string(1 << 20, '_')).empty());
        CHECK(suggest_action(std::string(1 << 20, 'A') + "ORDER_SETTLED").empty());
    }
}
