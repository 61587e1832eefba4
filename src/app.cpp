#include "app.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <vector>

#include "check/check.hpp"
#include "cli/command.hpp"
#include "cli/config_file.hpp"
#include "cli/help_formatter.hpp"
#include "generate/generate.hpp"
#include "listen/listen.hpp"
#include "send/send.hpp"
#include "validate/validate.hpp"
#include "schema/catalog.hpp"
#include "util/error.hpp"

namespace flowhook {
namespace {

constexpr const char* k_description =
    "flowhook: a toolkit for Flow Retail webhooks.\n"
    "Validate payloads against the platform's event contract, generate samples, send them as\n"
    "the platform would, listen for live deliveries, and check a receiver.";

constexpr const char* k_default_config = "flowhook.toml";

constexpr const char* k_footer =
    "Exit codes: 0 success, 1 a payload was invalid, a delivery or a MUST check failed,\n"
    "2 usage error or unreadable input, 130 interrupted.\n"
    "Option defaults come from the command line, then FLOWHOOK_* environment variables, then\n"
    "the config file ([validate], [send], ... sections).\n"
    "Run 'flowhook SUBCOMMAND --help' for the options and examples of each subcommand.\n";

void print_error(const std::string& where, const std::string& message) {
    std::fprintf(stderr, "flowhook: %s%s%s\n", where.c_str(), where.empty() ? "" : ": ",
                 message.c_str());
}

int config_problem(const std::string& problem) {
    print_error("", problem);
    return k_exit_usage;
}

// Every accepted action spelling, one per line; throws CLI11's "success" to stop parsing.
void print_action_names() {
    for (std::string_view name : schema::all_spellings())
        std::printf("%.*s\n", static_cast<int>(name.size()), name.data());
    throw CLI::Success();
}

// The command line: the app, its config file reader, the subcommands.
struct CommandLine {
    CLI::App app{k_description, "flowhook"};
    std::shared_ptr<cli::LayeredConfig> config;
    std::vector<cli::Subcommand> subcommands;
};

// Throws CLI::ConstructionError when CLI11 refuses a name or a setting: releases differ in what
// they accept.
std::unique_ptr<CommandLine> define_command_line() {
    auto cli = std::make_unique<CommandLine>();
    CLI::App& app = cli->app;
    // Before the subcommands are added: each takes its formatter from here.
    app.formatter(std::make_shared<cli::HelpFormatter>());
    app.footer(k_footer);
    app.set_version_flag("-V,--version", "flowhook " FLOWHOOK_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    app.set_config("--config", k_default_config,
                   "Read option defaults from this TOML file "
                   "(default: ./flowhook.toml when present)");
    cli->config = std::make_shared<cli::LayeredConfig>(app);
    app.config_formatter(cli->config);
    app.allow_config_extras(CLI::config_extras_mode::error);  // a misspelt key is not ignored
    // For the shell completions, which must not keep a list of actions of their own. Run as
    // soon as it is read: CLI11 2.6 checks that a subcommand was given before it runs the
    // callbacks of options, and `flowhook --list-actions` has none.
    app.add_flag_callback("--list-actions", print_action_names)->group("")->trigger_on_parse();
    cli->subcommands = {
        validate::setup_validate(app),
        generate::setup_generate(app),
        send::setup_send(app),
        listen::setup_listen(app),
        check::setup_check(app),
    };
    return cli;
}

// The subcommand that CLI11 parsed, or nullptr.
const cli::Subcommand* parsed_subcommand(const CommandLine& cli) {
    for (const auto& sub : cli.subcommands)
        if (sub.app->parsed()) return &sub;
    return nullptr;
}

// "unknown subcommand ..." when the first word that is not an option names no subcommand.
std::string unknown_subcommand(int argc, char** argv, const CommandLine& cli) {
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        if (word == "--config") ++i;  // its value
        if (word.empty() || word[0] == '-') continue;
        std::string names;
        for (const auto& sub : cli.subcommands)
            names += (names.empty() ? "" : ", ") + sub.app->get_name();
        return "unknown subcommand \"" + word + "\" (subcommands: " + names + ")";
    }
    return "";
}

int usage_error(const std::string& where, const std::string& message) {
    print_error(where, message);
    std::fputs("Run with --help for usage.\n", stderr);
    return k_exit_usage;
}

int parse_failed(const CommandLine& cli, const CLI::ParseError& e, int argc, char** argv) {
    // A broken config file is read as empty: what it would have set may be what is missing.
    if (!cli.config->problem().empty()) return config_problem(cli.config->problem());
    if (const cli::Subcommand* sub = parsed_subcommand(cli)) {
        // A value from the environment or the config file is blamed on it, not on the option.
        cli::Blame blame = cli::blame_source(*sub->app, *cli.config, e.what());
        if (blame.where.empty()) return config_problem(blame.message);
        return usage_error(blame.where, blame.message);
    }
    std::string unknown = unknown_subcommand(argc, argv, cli);
    return usage_error("", unknown.empty() ? std::string(e.what()) : unknown);
}

int run_parsed(const CommandLine& cli) {
    if (!cli.config->problem().empty()) return config_problem(cli.config->problem());
    const cli::Subcommand* sub = parsed_subcommand(cli);
    if (!sub) return k_exit_usage;  // require_subcommand(1) makes this a parse error first
    try {
        return sub->run();
    } catch (const Error& e) {
        cli::Blame blame = cli::blame_source(*sub->app, *cli.config, e.what());
        print_error(blame.where, blame.message);
        return e.exit_code();
    }
}

}  // namespace

int run(int argc, char** argv) {
    // Defining the command line is inside the catch too: a name or a setting that a CLI11
    // release refuses is reported like any other error, not an abort.
    std::unique_ptr<CommandLine> cli;
    try {
        cli = define_command_line();
        cli->app.parse(argc, argv);
        return run_parsed(*cli);
    } catch (const CLI::CallForHelp&) {
        std::fputs(cli->app.help().c_str(), stdout);
        return k_exit_ok;
    } catch (const CLI::CallForAllHelp&) {
        std::fputs(cli->app.help("", CLI::AppFormatMode::All).c_str(), stdout);
        return k_exit_ok;
    } catch (const CLI::CallForVersion&) {
        std::puts(cli->app.version().c_str());
        return k_exit_ok;
    } catch (const CLI::Success&) {
        return k_exit_ok;
    } catch (const CLI::FileError&) {  // only the --config file can be missing
        print_error("", cli::unreadable_config(cli->app));
        return k_exit_usage;
    } catch (const CLI::ParseError& e) {
        return parse_failed(*cli, e, argc, argv);
    } catch (const std::exception& e) {
        const cli::Subcommand* sub = cli ? parsed_subcommand(*cli) : nullptr;
        print_error(sub ? sub->app->get_name() : "", e.what());
        return k_exit_usage;
    }
}

}  // namespace flowhook
