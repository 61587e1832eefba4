#pragma once
// The catalogue and the scenarios as `flowhook generate --list` and `--scenario list` print
// them: aligned text for people, JSON for scripts. Derived from the schema module's tables.

#include <string>

namespace flowhook::cli {

// Every action: name, documentation (example or listed), description, references, aliases.
std::string catalogue_text();
std::string catalogue_json();

// Every scenario: name, description and steps.
std::string scenarios_text();
std::string scenarios_json();

}  // namespace flowhook::cli
