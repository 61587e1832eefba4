#pragma once
// The config file (--config FILE, or ./flowhook.toml): option defaults under [validate],
// [generate], [send] and [listen], read with CLI11's TOML reader after a check of our own, so
// that a mistake names the file, the line and the problem rather than CLI11's
// "INI was not able to parse validate.bogus".

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace flowhook::cli {

class LayeredConfig : public CLI::ConfigTOML {
public:
    explicit LayeredConfig(const CLI::App& root) : m_root(root) {}

    // Checks every line first: a line that is neither `[section]` nor `key = value`, a section
    // that names no subcommand and a key that names no option are problems (see problem()), and
    // then nothing is read. Drops the settings whose option is given in the environment: the
    // command line wins over the environment, which wins over the file (CLI11 alone would let
    // the file win over the environment).
    std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;

    // The first problem found, "FILE:LINE: what is wrong", or empty. Kept rather than thrown,
    // so that --help still works with a broken file; app.cpp reports it after parsing.
    const std::string& problem() const { return m_problem; }

    // "FILE:LINE: KEY under [SECTION]", where the file set an option, for a message about its
    // value.
    std::string where(const std::string& section, const std::string& key) const;

private:
    std::string check(const std::string& text, std::string& checked) const;
    std::string check_key(const std::vector<std::string>& section, const std::string& key) const;
    bool set_in_environment(const CLI::ConfigItem& item) const;
    std::string file_name() const;

    const CLI::App& m_root;
    mutable std::string m_problem;
    mutable std::map<std::string, std::size_t> m_lines;  // "section.key" -> its line
};

// An error message about options of the parsed subcommand `sub`, with the value that the
// environment or the config file set blamed on it: "--basic: expected USER:PASS" becomes
// "FLOWHOOK_BASIC: expected USER:PASS"; a message that starts with an option the config file
// set becomes "FILE:LINE: KEY under [SECTION]: ...", with an empty `where` (no subcommand).
struct Blame {
    std::string where;  // the subcommand's name, or empty
    std::string message;
};
Blame blame_source(const CLI::App& sub, const LayeredConfig& config, const std::string& message);

// "--config FILE: No such file or directory": why the config file named by --config cannot be
// read (CLI11 only says "was not readable (missing?)").
std::string unreadable_config(const CLI::App& root);

}  // namespace flowhook::cli
