#pragma once
// --help laid out for the terminal: option and subcommand descriptions wrapped under their
// column, free text (descriptions, footers) wrapped to the width, one blank line between option
// groups. app.cpp sets it on the top-level app before the subcommands are added, so every
// subcommand and every option, present or future, is laid out by it. The layout is the same
// with every CLI11 release flowhook supports (2.1 to 2.6): the headings, the usage line, the
// blank lines and how a default is shown are made here, not taken from the release.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

namespace flowhook::cli {

// Widest and narrowest layouts: past 120 columns lines grow too long to read; below 30 nothing
// fits anyway.
inline constexpr std::size_t k_help_min_width = 30;
inline constexpr std::size_t k_help_max_width = 120;

// The width --help is laid out for: COLUMNS when set, else the terminal's width when stdout is
// a terminal, else 80; kept within [k_help_min_width, k_help_max_width].
std::size_t help_width();

// `text` wrapped to `width` columns. Runs of lines that start in the first column are
// paragraphs, reflowed (a line ending with '.' or ':' ends its paragraph); an indented line
// (an example) is kept as it is when it fits; when it does not, a comment set off by two spaces
// or more goes to the next line, indented four more, and a command too long for a line is
// broken between words with a " \" continuation.
std::string wrap_text(std::string_view text, std::size_t width);

class HelpFormatter : public CLI::Formatter {
public:
    // `width`: a fixed width (tests); without it, help_width() when the help is made.
    explicit HelpFormatter(std::optional<std::size_t> width = std::nullopt) : m_width(width) {}

    std::string make_help(const CLI::App* app, std::string name,
                          CLI::AppFormatMode mode) const override;
    std::string make_option(const CLI::Option* option, bool is_positional) const override;
    std::string make_option_opts(const CLI::Option* option) const override;
    std::string make_subcommand(const CLI::App* sub) const override;
    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override;
    std::string make_description(const CLI::App* app) const override;
    std::string make_footer(const CLI::App* app) const override;
    std::string make_usage(const CLI::App* app, std::string name) const override;
    std::string make_positionals(const CLI::App* app) const override;

private:
    std::size_t width() const;
    // NAME, then DESCRIPTION wrapped under the description column.
    std::string item(const std::string& name, const std::string& description) const;
    // A description or a footer: `text` wrapped, ending with one newline; "" for no text.
    std::string framed(std::string_view text) const;
    // Every option group, one blank line between them (CLI11 2.1's make_groups adds a second).
    std::string option_groups(const CLI::App* app, CLI::AppFormatMode mode) const;
    // CLI11's own layout of a subcommand for --help-all (and of an option group), through
    // whichever make_expanded this release has (see cmake/cli11_interface.cmake).
    std::string expanded(const CLI::App* sub, CLI::AppFormatMode mode) const;

    std::optional<std::size_t> m_width;
};

}  // namespace flowhook::cli
