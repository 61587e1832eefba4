#include "cli/option_values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <system_error>

namespace flowhook::cli {
namespace {

std::string plain(double number) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", number);
    return text;
}

}  // namespace

CLI::Validator whole_number(const std::string& what, std::uint64_t least, std::uint64_t most) {
    constexpr std::uint64_t k_most = std::numeric_limits<std::uint64_t>::max();
    return CLI::Validator(
        [what, least, most](std::string& text) -> std::string {
            std::uint64_t n = 0;
            const char* end = text.data() + text.size();
            auto [stop, error] = std::from_chars(text.data(), end, n);
            bool whole = !text.empty() && stop == end;
            if (whole && error == std::errc{} && n >= least && n <= most) return "";
            bool too_large = whole && error == std::errc::result_out_of_range;
            std::string range =
                most == k_most && !too_large
                    ? " (" + std::to_string(least) + " or more)"
                    : " from " + std::to_string(least) + " to " + std::to_string(most);
            return "\"" + text + "\" is not " + what + range;
        },
        "");
}

CLI::Validator decimal_number(const std::string& what, double least) {
    return CLI::Validator(
        [what, least](std::string& text) -> std::string {
            double n = 0;
            const char* end = text.data() + text.size();
            auto [stop, error] = std::from_chars(text.data(), end, n);
            if (!text.empty() && error == std::errc{} && stop == end && std::isfinite(n) &&
                n >= least)
                return "";
            return "\"" + text + "\" is not " + what + " (" + plain(least) + " or more)";
        },
        "");
}

ValueSource source_of(const CLI::App& sub, const CLI::Option& option) {
    if (option.count() == 0) return ValueSource::none;
    const auto& given = sub.parse_order();
    if (std::find(given.begin(), given.end(), &option) != given.end())
        return ValueSource::command_line;
    // CLI11 reads the environment only for options the command line left out, and LayeredConfig
    // drops the config file's value of an option whose variable is set.
    const std::string& variable = option.get_envname();
    const char* value = variable.empty() ? nullptr : std::getenv(variable.c_str());
    return value && *value ? ValueSource::environment : ValueSource::config_file;
}

std::string value_source(const CLI::App& sub, const CLI::Option& option) {
    switch (source_of(sub, option)) {
        case ValueSource::environment:
            return option.get_envname();
        case ValueSource::config_file: {
            std::string file = "the config file";
            if (const CLI::App* root = sub.get_parent())
                if (const CLI::Option* config = root->get_config_ptr(); config && config->count())
                    file = config->as<std::string>();
            return option.get_single_name() + " in " + file;
        }
        default:
            return option.get_name();
    }
}

namespace {

// Whether the option was given: a flag set to false (`quiet = false` in the config file) was not.
bool given(const CLI::Option& option) {
    if (option.count() == 0) return false;
    if (option.get_expected_min() != 0) return true;  // not a flag
    try {
        return option.as<bool>();
    } catch (const CLI::ParseError&) {
        return true;  // CLI11 reports the value itself
    }
}

}  // namespace

// The messages name the options; app.cpp names the environment variable or the config file
// instead when the value came from there.
void check_combinations(CLI::App& sub, std::vector<Conflict> conflicts, std::vector<Need> needs) {
    sub.final_callback([conflicts = std::move(conflicts), needs = std::move(needs)] {
        for (const Conflict& conflict : conflicts)
            if (given(*conflict.first) && given(*conflict.second))
                throw CLI::ValidationError(conflict.first->get_name() + " and " +
                                           conflict.second->get_name() +
                                           " exclude each other: " + conflict.why);
        for (const Need& need : needs)
            if (given(*need.option) && !given(*need.needed))
                throw CLI::ValidationError(need.option->get_name() + " needs " +
                                           need.needed->get_name() + ": " + need.why);
    });
}

Conflict quiet_and_verbose(const CLI::Option* quiet, const CLI::Option* verbose) {
    return {quiet, verbose, "give one or neither"};
}

std::uint64_t seed_or_fresh(const std::optional<std::uint64_t>& given) {
    if (given) return *given;
    std::random_device entropy;
    return std::uint64_t{entropy()} << 32 | std::uint64_t{entropy()};
}

}  // namespace flowhook::cli
