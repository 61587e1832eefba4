#include "schema/catalog.hpp"

#include <algorithm>
#include <optional>

namespace flowhook::schema {
namespace {

FieldSpec ref(std::string_view name, std::int64_t id, std::string_view uid) {
    return {name, FieldKind::reference, id, uid};
}

FieldSpec date(std::string_view example) { return {"date", FieldKind::date, 0, example}; }

// Sources: webhooks.md (example payloads, values and key order as published) and notes.md
// (actions listed without an example; their shape is that of the entity's CREATE/UPDATE).
const std::vector<ActionSpec> k_actions = {
    {"ORDER_SETTLED", "An order is fully paid.", Documentation::example,
     {ref("tenant", 7, "7"), ref("store", 1, "70"), ref("order", 7123, "700"),
      ref("tenantUser", 7, "9")},
     {}},
    {"ORDER_DELIVERED", "An order is fully delivered: every order line is delivered.",
     Documentation::example,
     {ref("tenant", 7, "7"), ref("store", 1, "70"), ref("order", 7123, "700"),
      ref("tenantUser", 7, "9")},
     {}},
    {"ORDER_HANDLING_STATE_CHANGED", "The handling state of an order changed.",
     Documentation::example,
     {ref("tenant", 7, "7"), ref("store", 1, "70"), ref("order", 7123, "700"),
      ref("orderHandling", 71234, "7000"), ref("tenantUser", 7, "9")},
     {}},
    {"ORDER_RECEIPT_SETTLED", "An order receipt is settled.", Documentation::example,
     {ref("tenant", 7, "flow-demo"), ref("store", 1, "flow-demo-store"),
      ref("order", 521, "87667e5b-dbd4-4ebf-b082-90506f039074"),
      ref("orderReceipt", 7, "d2d0748f-33ee-4823-aa81-e89fbbe6cea7"),
      ref("tenantUser", 7, "d2d0748f-33ee-4823-aa81-e89fbbe6cea7")},
     {}},
    {"CUSTOMER_CREATE", "A new customer is created.", Documentation::example,
     {ref("tenant", 7, "7"), ref("customer", 32, "1000"),
      ref("tenantUser", 14, "0f18eb09-3444-4c97-9043-638346e61af3")},
     {}},
    {"CUSTOMER_UPDATE", "A customer is updated.", Documentation::example,
     {ref("tenant", 7, "7"), ref("customer", 32, "1000"),
      ref("tenantUser", 14, "0f18eb09-3444-4c97-9043-638346e61af3")},
     {}},
    {"CUSTOMER_DELETE", "A customer is deleted.", Documentation::listed,
     {ref("tenant", 7, "7"), ref("customer", 32, "1000"),
      ref("tenantUser", 14, "0f18eb09-3444-4c97-9043-638346e61af3")},
     {}},
    {"PRODUCT_CREATE", "A new product is created.", Documentation::example,
     {ref("tenant", 7, "7"), ref("tenantUser", 7, "7"), ref("product", 75666, "71233")},
     {}},
    {"PRODUCT_UPDATE",
     "The basic data of a product changed (not its stock, nor a price in a pricelist).",
     Documentation::example,
     {ref("tenant", 7, "7"), ref("tenantUser", 7, "7"), ref("product", 75666, "71233")},
     {}},
    {"PRODUCT_DELETE", "A product is deleted.", Documentation::listed,
     {ref("tenant", 7, "7"), ref("tenantUser", 7, "7"), ref("product", 75666, "71233")},
     {}},
    {"PRODUCT_MEDIA_CHANGE", "A media of a product is added, updated or deleted.",
     Documentation::example,
     {ref("tenant", 7, "7"), ref("product", 2, "3"), ref("productMedia", 4, "5"),
      ref("tenantUser", 7, "7")},
     {{"PRODUCT_MEDIA_CHANGED", Documentation::example,
       {ref("tenant", 7, "flow-demo"), ref("product", 1, "flow-demo-product"),
        ref("productMedia", 521, "87667e5b-dbd4-4ebf-b082-90506f039074"),
        ref("tenantUser", 7, "d2d0748f-33ee-4823-aa81-e89fbbe6cea7")}}}},
    {"TILL_OPEN", "A till is opened.", Documentation::example,
     {ref("tenant", 7, "7"), ref("store", 1, "7"), ref("till", 73, "722"),
      ref("tenantUser", 7, "7"), ref("cashReport", 7212, "74533"), date("2022-10-18")},
     {}},
    {"TILL_CLOSE", "A till is closed.", Documentation::example,
     {ref("tenant", 7, "7"), ref("store", 1, "7"), ref("till", 73, "722"),
      ref("tenantUser", 7, "7"), ref("cashReport", 7212, "74533"), date("2022-10-18")},
     {{"TILL_CLOSED", Documentation::listed, {}}}},
    {"PRICE_CREATE", "A new price is added to a pricelist.", Documentation::example,
     {ref("tenant", 7, "7"), ref("pricelist", 1, "7"), ref("price", 73, "722"),
      ref("tenantUser", 7, "7")},
     {}},
    {"PRICE_UPDATE", "A price on a pricelist is updated.", Documentation::example,
     {ref("tenant", 7, "7"), ref("pricelist", 1, "7"), ref("price", 73, "722"),
      ref("tenantUser", 7, "7")},
     {}},
    {"PRICE_DELETE", "A price is removed from a pricelist.", Documentation::listed,
     {ref("tenant", 7, "7"), ref("pricelist", 1, "7"), ref("price", 73, "722"),
      ref("tenantUser", 7, "7")},
     {}},
    {"STOCK_CHANGE", "The stock of a product changed.", Documentation::example,
     {ref("tenant", 7, "7"), ref("store", 1, "7"), ref("warehouse", 73, "722"),
      ref("product", 73, "722"), ref("tenantUser", 7, "7")},
     {}},
    {"PURCHASE_RECEIVED", "A purchase order is fully received.", Documentation::example,
     {ref("tenant", 7, "flow-demo"), ref("store", 1, "flow-demo-store"),
      ref("purchaseOrder", 521, "87667e5b-dbd4-4ebf-b082-90506f039074"),
      ref("tenantUser", 7, "d2d0748f-33ee-4823-aa81-e89fbbe6cea7")},
     {}},
};

// Upper case for ASCII letters, as the "C" locale's toupper, without its call per byte.
char fold(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// The Levenshtein distance of `a` and `b`, ignoring case, if it is at most `limit`; `row` is
// scratch space. Names whose lengths differ by more are not compared, only the cells within
// `limit` of the diagonal can be, and the table stops at the first row whose cells are all past
// `limit`: a payload's 4 MB action costs nothing, not 4 MB times each name.
std::optional<std::size_t> edit_distance_within(std::string_view a, std::string_view b,
                                                std::size_t limit, std::vector<std::size_t>& row) {
    std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (gap > limit) return std::nullopt;
    const std::size_t past = limit + 1;  // stands for any distance over the limit
    row.assign(b.size() + 1, past);
    for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t first = i > limit ? i - limit : 1, last = std::min(b.size(), i + limit);
        std::size_t diagonal = row[first - 1];
        row[first - 1] = first == 1 ? std::min(i, past) : past;  // left of the band: too far
        std::size_t row_min = row[first - 1];
        char letter = fold(a[i - 1]);
        for (std::size_t j = first; j <= last; ++j) {
            std::size_t above = row[j];
            std::size_t cell = diagonal + (letter == fold(b[j - 1]) ? 0 : 1);
            cell = std::min(cell, std::min(above, row[j - 1]) + 1);
            row[j] = std::min(cell, past);
            row_min = std::min(row_min, row[j]);
            diagonal = above;
        }
        if (row_min > limit) return std::nullopt;  // no later row gets below its minimum
    }
    if (row[b.size()] > limit) return std::nullopt;
    return row[b.size()];
}

}  // namespace

const std::vector<FieldSpec>& ActionSpec::example_for(std::string_view spelling) const {
    for (const AliasSpec& alias : aliases)
        if (alias.name == spelling && !alias.example.empty()) return alias.example;
    return fields;
}

Documentation ActionSpec::documentation_of(std::string_view spelling) const {
    for (const AliasSpec& alias : aliases)
        if (alias.name == spelling) return alias.documentation;
    return documentation;
}

const FieldSpec* ActionSpec::field(std::string_view field_name) const {
    for (const FieldSpec& f : fields)
        if (f.name == field_name) return &f;
    return nullptr;
}

const std::vector<ActionSpec>& actions() { return k_actions; }

std::optional<ActionMatch> find_action(std::string_view spelling) {
    for (const ActionSpec& spec : k_actions) {
        if (spec.name == spelling) return ActionMatch{&spec, spec.name};
        for (const AliasSpec& alias : spec.aliases)
            if (alias.name == spelling) return ActionMatch{&spec, alias.name};
    }
    return std::nullopt;
}

std::vector<std::string_view> all_spellings() {
    std::vector<std::string_view> names;
    for (const ActionSpec& spec : k_actions) {
        names.push_back(spec.name);
        for (const AliasSpec& alias : spec.aliases) names.push_back(alias.name);
    }
    return names;
}

std::string_view suggest_action(std::string_view name) {
    // A typo changes a few letters; anything further is a different word.
    std::size_t limit = std::max<std::size_t>(2, name.size() / 4);
    std::string_view best;
    std::vector<std::size_t> row;
    for (std::string_view candidate : all_spellings()) {
        auto distance = edit_distance_within(name, candidate, limit, row);
        if (!distance) continue;
        best = candidate;
        if (*distance == 0) break;
        limit = *distance - 1;  // from now on only a closer spelling counts
    }
    return best;
}

bool is_reference_name(std::string_view name) {
    return std::find(std::begin(k_reference_names), std::end(k_reference_names), name) !=
           std::end(k_reference_names);
}

}  // namespace flowhook::schema
