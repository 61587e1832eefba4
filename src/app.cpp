#include "app.hpp"

#include <cstdio>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/command.hpp"
#include "commands/listen.hpp"
#include "commands/validate.hpp"

namespace flowhook {
namespace {

constexpr const char* k_description =
    "flowhook: a toolkit for Flow Retail webhooks.\n"
    "Validate payloads against the platform's event contract, generate samples, send them as\n"
    "the platform would, and listen for live deliveries.";

constexpr const char* k_footer =
    "Exit codes: 0 success, 1 a payload was invalid or a delivery failed, 2 usage error or\n"
    "unreadable input, 130 interrupted.\n"
    "Run 'flowhook SUBCOMMAND --help' for the options and examples of each subcommand.";

void print_error(const std::string& where, const std::string& message) {
    std::fprintf(stderr, "flowhook: %s%s%s\n", where.c_str(), where.empty() ? "" : ": ",
                 message.c_str());
}

// The subcommand that CLI11 parsed, or the top-level app.
std::string parsed_name(const std::vector<commands::Subcommand>& subcommands) {
    for (const auto& sub : subcommands)
        if (sub.app->parsed()) return sub.app->get_name();
    return "";
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{k_description, "flowhook"};
    app.footer(k_footer);
    app.set_version_flag("-V,--version", "flowhook " FLOWHOOK_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);

    std::vector<commands::Subcommand> subcommands = {
        commands::setup_validate(app),
        commands::setup_listen(app),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::fputs(app.help().c_str(), stdout);
        return k_exit_ok;
    } catch (const CLI::CallForAllHelp&) {
        std::fputs(app.help("", CLI::AppFormatMode::All).c_str(), stdout);
        return k_exit_ok;
    } catch (const CLI::CallForVersion&) {
        std::puts(app.version().c_str());
        return k_exit_ok;
    } catch (const CLI::ParseError& e) {
        print_error(parsed_name(subcommands), e.what());
        std::fputs("Run with --help for usage.\n", stderr);
        return k_exit_usage;
    }

    for (const auto& sub : subcommands) {
        if (!sub.app->parsed()) continue;
        try {
            return sub.run();
        } catch (const Error& e) {
            print_error(sub.app->get_name(), e.what());
            return e.exit_code();
        } catch (const std::exception& e) {
            print_error(sub.app->get_name(), e.what());
            return k_exit_usage;
        }
    }
    return k_exit_usage;
}

}  // namespace flowhook
