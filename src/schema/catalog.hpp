#pragma once
// The Flow Retail event catalogue: one table row per action. Everything else in flowhook
// (validation, samples, schema export, completions) is derived from this table.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace flowhook::schema {

// The entity references a payload may carry, as the platform names them.
inline constexpr std::string_view k_reference_names[] = {
    "tenant",   "tenantUser", "store",        "order", "orderHandling",
    "orderReceipt", "customer", "product",    "productMedia", "till",
    "cashReport", "pricelist", "price",       "warehouse",    "purchaseOrder"};

enum class FieldKind { reference, date };

// Whether the platform documents a spelling with an example payload or only lists it.
enum class Documentation { example, listed };

// A top-level field of a payload, with the value the platform's example shows.
struct FieldSpec {
    std::string_view name;
    FieldKind kind = FieldKind::reference;
    std::int64_t example_id = 0;    // reference: the documented Id
    std::string_view example_text;  // reference: the documented Uid; date: the documented date
};

// Another spelling the platform uses for an action. Its example has the action's fields in
// the same order; an empty example means the platform shows none of its own.
struct AliasSpec {
    std::string_view name;
    Documentation documentation = Documentation::listed;
    std::vector<FieldSpec> example;
};

struct ActionSpec {
    std::string_view name;
    std::string_view description;
    Documentation documentation = Documentation::example;
    std::vector<FieldSpec> fields;  // every field is required; in documented order
    std::vector<AliasSpec> aliases;

    // The example fields of `spelling` (the action's own name or one of its aliases).
    const std::vector<FieldSpec>& example_for(std::string_view spelling) const;
    // Documentation of `spelling`.
    Documentation documentation_of(std::string_view spelling) const;
    // The field named `name`, or nullptr.
    const FieldSpec* field(std::string_view name) const;
};

// Every action, in the order of the platform's documentation.
const std::vector<ActionSpec>& actions();

// An action as a payload spelled it.
struct ActionMatch {
    const ActionSpec* spec = nullptr;
    std::string_view spelling;  // the canonical name or the alias used
    bool is_alias() const { return spelling != spec->name; }
};

// Looks up an action by any of its spellings (case-sensitive, as the platform sends them).
std::optional<ActionMatch> find_action(std::string_view spelling);

// Every accepted spelling: each action's name followed by its aliases.
std::vector<std::string_view> all_spellings();

// The known spelling closest to `name` (edit distance, case-insensitive), if one is close
// enough to be a plausible typo; empty otherwise.
std::string_view suggest_action(std::string_view name);

// Whether `name` is one of the entity references the platform knows.
bool is_reference_name(std::string_view name);

}  // namespace flowhook::schema
