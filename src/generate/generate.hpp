#pragma once
// flowhook generate: sample payloads for every action, scenarios of linked events, the
// catalogue, and the schema as JSON Schema; all derived from the schema module's tables.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace flowhook::generate {

struct GenerateOptions {
    std::vector<std::string> actions;  // spellings; empty with --all, --scenario, --list
    bool all = false;
    bool random = false;
    std::optional<std::uint64_t> seed;   // implies random
    std::optional<std::uint64_t> count;  // NDJSON, cycling through the actions
    bool compact = false;
    std::vector<std::string> sets;  // PATH=VALUE
    bool allow_unknown = false;
    std::string output;  // "" = stdout
    bool split = false;
    std::optional<std::string> scenario;  // a name, or "list"
    bool list = false;
    std::string format = "text";  // --list, --scenario list
    bool schema = false;
    bool strict = false;  // --schema: additionalProperties false
    bool quiet = false;    // nothing on stderr but errors
    bool verbose = false;  // the seed, and what was written, on stderr
};

cli::Subcommand setup_generate(CLI::App& app);

// Prints what the options ask for. Returns 0; throws flowhook::Error (exit 2) on an unknown
// action or scenario, a malformed --set, or output that cannot be written.
int run_generate(const GenerateOptions& options);

}  // namespace flowhook::generate
