#pragma once
// Checks of option values and combinations shared by the subcommands, with messages a person
// can act on: CLI11's own number checks go through double (their messages print 300-digit
// bounds, and 2^64 wraps), and its excludes() only says "--a excludes --b".

#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace flowhook::cli {

// A whole number from `least` to `most`, read digit by digit. `what` says what is expected:
// whole_number("a number of retries", 0, 10000) on "-1" says
// `"-1" is not a number of retries from 0 to 10000`; without `most`, "(0 or more)".
CLI::Validator whole_number(const std::string& what, std::uint64_t least,
                            std::uint64_t most = std::numeric_limits<std::uint64_t>::max());

// A decimal number of at least `least`: decimal_number("a number of attempts per second", 0)
// on "-1" says `"-1" is not a number of attempts per second (0 or more)`.
CLI::Validator decimal_number(const std::string& what, double least);

enum class ValueSource { none, command_line, environment, config_file };

// Where the value of an option of the parsed subcommand `sub` came from.
ValueSource source_of(const CLI::App& sub, const CLI::Option& option);

// Where an option's value came from, as the user would name it: "--retries" (the command line),
// "FLOWHOOK_URL" (its environment variable) or "retries in the config file".
std::string value_source(const CLI::App& sub, const CLI::Option& option);

// Two options that make no sense together, and why.
struct Conflict {
    const CLI::Option* first;
    const CLI::Option* second;
    std::string why;  // e.g. "--no-retry makes one attempt"
};

// An option that means nothing without another, and why.
struct Need {
    const CLI::Option* option;
    const CLI::Option* needed;
    std::string why;  // e.g. "it makes each record durable"
};

// Once `sub` is parsed, makes each conflict whose two options are both given (from any source)
// a usage error, "--no-retry and --retries exclude each other: WHY", and each need whose option
// is given without the needed one, "--fsync needs --record: WHY".
void check_combinations(CLI::App& sub, std::vector<Conflict> conflicts,
                        std::vector<Need> needs = {});

// The -q/-v pair every subcommand that has both shares: the same message everywhere.
Conflict quiet_and_verbose(const CLI::Option* quiet, const CLI::Option* verbose);

// The seed of a run: the one given, or a fresh one from the system's entropy.
std::uint64_t seed_or_fresh(const std::optional<std::uint64_t>& given);

}  // namespace flowhook::cli
