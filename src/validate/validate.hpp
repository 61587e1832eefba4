#pragma once
// flowhook validate: checks payload files, folders and stdin against the event schema.

#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace flowhook::validate {

struct ValidateOptions {
    std::vector<std::string> paths;  // files, folders, "-" for stdin
    std::string format = "text";
    std::optional<std::string> action;  // every payload must be this action
    bool strict = false;
    bool quiet = false;    // only failures; no progress line
    bool verbose = false;  // sources and timing on stderr
    unsigned jobs = 0;  // threads for NDJSON; 0: one per core
};

cli::Subcommand setup_validate(CLI::App& app);

// Validates every payload under options.paths and prints the report to stdout.
// Returns 0 when all are valid, 1 when some payload is invalid, 2 when a path cannot be read.
int run_validate(const ValidateOptions& options);

}  // namespace flowhook::validate
