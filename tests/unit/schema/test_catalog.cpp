#include <doctest/doctest.h>

#include <set>
#include <string>

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

TEST_CASE("suggest_action") {
    CHECK(suggest_action("ORDER_SETLED") == "ORDER_SETTLED");
    CHECK(suggest_action("order_settled") == "ORDER_SETTLED");
    CHECK(suggest_action("TILL_CLOSD") == "TILL_CLOSE");
    CHECK(suggest_action("PRODUCT_MEDIA_CHANGES") == "PRODUCT_MEDIA_CHANGE");
    CHECK(suggest_action("SOMETHING_ELSE_ENTIRELY").empty());
}
