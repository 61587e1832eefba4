#include "app.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/command.hpp"
#include "commands/generate.hpp"
#include "commands/listen.hpp"
#include "commands/send.hpp"
#include "commands/validate.hpp"
#include "schema/catalog.hpp"

namespace flowhook {
namespace {

constexpr const char* k_description =
    "flowhook: a toolkit for Flow Retail webhooks.\n"
    "Validate payloads against the platform's event contract, generate samples, send them as\n"
    "the platform would, and listen for live deliveries.";

constexpr const char* k_default_config = "flowhook.toml";

constexpr const char* k_footer =
    "Exit codes: 0 success, 1 a payload was invalid or a delivery failed, 2 usage error or\n"
    "unreadable input, 130 interrupted.\n"
    "Option defaults come from the command line, then FLOWHOOK_* environment variables, then\n"
    "the config file ([validate], [send], ... sections).\n"
    "Run 'flowhook SUBCOMMAND --help' for the options and examples of each subcommand.\n";

void print_error(const std::string& where, const std::string& message) {
    std::fprintf(stderr, "flowhook: %s%s%s\n", where.c_str(), where.empty() ? "" : ": ",
                 message.c_str());
}

// Reads the config file like CLI11's TOML reader, but drops the settings whose option is also
// given in the environment: the command line wins over the environment, which wins over the
// file (CLI11 alone would let the file win over the environment).
class LayeredConfig : public CLI::ConfigTOML {
public:
    explicit LayeredConfig(const CLI::App& root) : m_root(root) {}

    std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
        auto items = CLI::ConfigTOML::from_config(input);
        std::erase_if(items, [this](const CLI::ConfigItem& item) { return set_in_environment(item); });
        return items;
    }

private:
    bool set_in_environment(const CLI::ConfigItem& item) const {
        const CLI::App* app = &m_root;
        try {
            for (const std::string& parent : item.parents) app = app->get_subcommand(parent);
        } catch (const CLI::OptionNotFound&) {
            return false;  // CLI11 reports the unknown section itself
        }
        const CLI::Option* option = app->get_option_no_throw("--" + item.name);
        if (!option || option->get_envname().empty()) return false;
        const char* value = std::getenv(option->get_envname().c_str());
        return value && *value;
    }

    const CLI::App& m_root;
};

// Every accepted action spelling, one per line; throws CLI11's "success" to stop parsing.
void print_action_names() {
    for (std::string_view name : schema::all_spellings())
        std::printf("%.*s\n", static_cast<int>(name.size()), name.data());
    throw CLI::Success();
}

// "unknown subcommand ..." when the first word that is not an option names no subcommand.
std::string unknown_subcommand(int argc, char** argv,
                               const std::vector<commands::Subcommand>& subcommands) {
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        if (word == "--config") ++i;  // its value
        if (word.empty() || word[0] == '-') continue;
        std::string names;
        for (const auto& sub : subcommands) names += (names.empty() ? "" : ", ") + sub.app->get_name();
        return "unknown subcommand \"" + word + "\" (subcommands: " + names + ")";
    }
    return "";
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
    app.set_config("--config", k_default_config, "Read option defaults from this TOML file "
                   "(default: ./flowhook.toml when present)");
    app.config_formatter(std::make_shared<LayeredConfig>(app));
    app.allow_config_extras(CLI::config_extras_mode::error);  // a misspelt key is not ignored
    // For the shell completions, which must not keep a list of actions of their own.
    app.add_flag_callback("--list-actions", print_action_names)->group("");

    std::vector<commands::Subcommand> subcommands = {
        commands::setup_validate(app),
        commands::setup_generate(app),
        commands::setup_send(app),
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
    } catch (const CLI::Success&) {
        return k_exit_ok;
    } catch (const CLI::ParseError& e) {
        std::string where = parsed_name(subcommands);
        std::string unknown = where.empty() ? unknown_subcommand(argc, argv, subcommands) : "";
        print_error(where, unknown.empty() ? std::string(e.what()) : unknown);
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
