#include "cli/help_formatter.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "util/terminal.hpp"

namespace flowhook::cli {
namespace {

// Below this many columns for descriptions, they go under the names instead of beside them.
constexpr std::size_t k_min_description_columns = 24;
constexpr std::size_t k_narrow_indent = 8;

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    for (;;) {
        std::size_t end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end == std::string_view::npos ? end : end - begin));
        if (end == std::string_view::npos) return parts;
        begin = end + 1;
    }
}

std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> words;
    for (std::string_view word : split(text, ' '))
        if (!word.empty()) words.push_back(word);
    return words;
}

// Appends `words` to `out`, whose last line already takes `used` columns, breaking lines
// before `width` columns (a word longer than a line gets one of its own); a new line starts
// with `indent` spaces, and the line it ends gets `line_end` first.
void fill(std::string& out, const std::vector<std::string_view>& words, std::size_t width,
          std::size_t used, std::size_t indent, std::string_view line_end = {}) {
    bool first = true;
    std::size_t room = width - std::min(width, util::text_columns(line_end));
    for (std::string_view word : words) {
        std::size_t length = util::text_columns(word);
        if (!first && used + 1 + length > room) {
            out += line_end;
            out += '\n';
            out.append(indent, ' ');
            used = indent;
            first = true;
        }
        if (!first) {
            out += ' ';
            ++used;
        }
        out += word;
        used += length;
        first = false;
    }
}

std::size_t leading_spaces(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ') ++n;
    return n;
}

bool blank(std::string_view line) { return leading_spaces(line) == line.size(); }

// CLI11 releases put different blank lines around a description or a footer (2.3.1 and later
// start a footer with one; 2.5 and later end a description with two); the layout here adds its
// own.
std::string_view without_blank_edges(std::string_view text) {
    while (!text.empty() && text.front() == '\n') text.remove_prefix(1);
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    return text;
}

// A heading as CLI11 2.1 spells it: 2.5 and later name the default option and subcommand groups
// in capitals.
std::string heading(const std::string& group) {
    if (group == "OPTIONS") return "Options";
    if (group == "SUBCOMMANDS") return "Subcommands";
    return group;
}

bool ends_paragraph(std::string_view line) {
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    return !line.empty() && (line.back() == '.' || line.back() == ':');
}

// An indented line that does not fit: COMMAND [two or more spaces COMMENT].
void wrap_indented(std::string& out, std::string_view line, std::size_t width) {
    std::size_t indent = leading_spaces(line);
    std::string_view rest = line.substr(indent);
    std::size_t gap = rest.find("  ");
    std::string_view command = rest.substr(0, gap);
    std::string_view comment;
    if (gap != std::string_view::npos) {
        comment = rest.substr(gap);
        comment.remove_prefix(leading_spaces(comment));
    }
    // An option and its value stay on one line: "--seed 7" is one unit.
    std::vector<std::string_view> units;
    for (std::string_view word : words_of(command)) {
        if (!units.empty() && units.back().front() == '-' && word.front() != '-' &&
            units.back().find(' ') == std::string_view::npos)
            units.back() = std::string_view(units.back().data(),
                                            static_cast<std::size_t>(word.data() + word.size() -
                                                                     units.back().data()));
        else
            units.push_back(word);
    }
    out.append(indent, ' ');
    fill(out, units, width, indent, indent + 4, " \\");
    out += '\n';
    if (!comment.empty()) {
        out.append(indent + 4, ' ');
        fill(out, words_of(comment), width, indent + 4, indent + 4);
        out += '\n';
    }
}

}  // namespace

std::size_t help_width() {
    return std::clamp(util::terminal_width(stdout), k_help_min_width, k_help_max_width);
}

std::string wrap_text(std::string_view text, std::size_t width) {
    std::vector<std::string_view> lines = split(text, '\n');
    std::string out;
    for (std::size_t i = 0; i < lines.size();) {
        std::string_view line = lines[i];
        bool last = i + 1 == lines.size();
        if (blank(line)) {
            if (!last) out += '\n';
            ++i;
        } else if (leading_spaces(line) > 0) {
            if (util::text_columns(line) <= width) {
                out += line;
                out += '\n';
            } else {
                wrap_indented(out, line, width);
            }
            ++i;
        } else {
            std::vector<std::string_view> words = words_of(line);
            for (++i; i < lines.size() && !ends_paragraph(lines[i - 1]) && !blank(lines[i]) &&
                      leading_spaces(lines[i]) == 0;
                 ++i) {
                auto more = words_of(lines[i]);
                words.insert(words.end(), more.begin(), more.end());
            }
            fill(out, words, width, 0, 0);
            out += '\n';
        }
    }
    // As the text ended: with a newline or without.
    if (!text.empty() && text.back() != '\n' && !out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

std::size_t HelpFormatter::width() const { return m_width ? *m_width : help_width(); }

std::string HelpFormatter::item(const std::string& name, const std::string& description) const {
    std::size_t width = this->width();
    std::string out = name;
    if (description.empty()) return out + "\n";
    std::size_t column = get_column_width();
    if (width < column + k_min_description_columns) column = k_narrow_indent;
    std::size_t used = util::text_columns(name);
    if (used >= column) {
        out += '\n';
        used = 0;
    }
    out.append(column - used, ' ');
    bool first = true;
    for (std::string_view paragraph : split(description, '\n')) {
        if (!first) {
            out += '\n';
            out.append(column, ' ');
        }
        fill(out, words_of(paragraph), width, column, column);
        first = false;
    }
    return out + "\n";
}

std::string HelpFormatter::framed(std::string_view text) const {
    return text.empty() ? "" : wrap_text(text, width()) + "\n";
}

std::string HelpFormatter::make_option(const CLI::Option* option, bool is_positional) const {
    return item("  " + make_option_name(option, is_positional) + make_option_opts(option),
                make_option_desc(option));
}

std::string HelpFormatter::make_option_opts(const CLI::Option* option) const {
    std::string opts = CLI::Formatter::make_option_opts(option);
    // CLI11 2.2 and later show a default as " [VALUE] ", 2.1 as "=VALUE": "=VALUE" on all.
    const std::string& value = option->get_default_str();
    std::string bracketed = " [" + value + "] ";
    if (auto at = opts.find(bracketed); !value.empty() && at != std::string::npos)
        opts.replace(at, bracketed.size(), "=" + value);
    return opts;
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
    return item("  " + sub->get_display_name(true), sub->get_description());
}

std::string HelpFormatter::make_description(const CLI::App* app) const {
    std::string description = CLI::Formatter::make_description(app);
    return framed(without_blank_edges(description));
}

std::string HelpFormatter::make_footer(const CLI::App* app) const {
    std::string footer = CLI::Formatter::make_footer(app);
    return framed(without_blank_edges(footer));
}

// As CLI11 2.1 writes it; 2.5 and later drop "Usage:" before the name and add blank lines.
std::string HelpFormatter::make_usage(const CLI::App* app, std::string name) const {
    std::string out = "Usage:" + (name.empty() ? "" : " " + name);
    if (!app->get_options([](const CLI::Option* option) { return option->nonpositional(); })
             .empty())
        out += " [OPTIONS]";
    for (const CLI::Option* positional :
         app->get_options([](const CLI::Option* option) { return option->get_positional(); }))
        out += " " + make_option_usage(positional);
    if (!app->get_subcommands([](const CLI::App* sub) {
                 return !sub->get_disabled() && !sub->get_name().empty();
             }).empty()) {
        bool optional = app->get_require_subcommand_min() == 0;
        bool several = app->get_require_subcommand_max() != 1;
        out += std::string(" ") + (optional ? "[" : "") + (several ? "SUBCOMMANDS" : "SUBCOMMAND") +
               (optional ? "]" : "");
    }
    return out + "\n";
}

std::string HelpFormatter::make_positionals(const CLI::App* app) const {
    std::vector<const CLI::Option*> positionals = app->get_options([](const CLI::Option* option) {
        return !option->get_group().empty() && option->get_positional();
    });
    return positionals.empty() ? "" : make_group("Positionals", true, positionals);
}

std::string HelpFormatter::option_groups(const CLI::App* app, CLI::AppFormatMode mode) const {
    std::string out;
    for (const std::string& group : app->get_groups()) {
        std::vector<const CLI::Option*> options =
            app->get_options([app, mode, &group](const CLI::Option* option) {
                return option->get_group() == group && option->nonpositional() &&
                       (mode != CLI::AppFormatMode::Sub ||
                        (app->get_help_ptr() != option && app->get_help_all_ptr() != option));
            });
        if (!group.empty() && !options.empty()) out += make_group(heading(group), false, options);
    }
    return out;
}

std::string HelpFormatter::make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const {
    std::string out;
    std::vector<std::string> groups;  // in the order of their first subcommand
    for (const CLI::App* sub : app->get_subcommands({})) {
        if (sub->get_name().empty()) {  // an option group: its options under its heading
            if (!sub->get_group().empty()) out += expanded(sub, CLI::AppFormatMode::Sub);
        } else if (std::find(groups.begin(), groups.end(), sub->get_group()) == groups.end()) {
            groups.push_back(sub->get_group());
        }
    }
    for (const std::string& group : groups) {
        if (group.empty()) continue;  // hidden
        out += "\n" + heading(group) + ":\n";
        for (const CLI::App* sub : app->get_subcommands([&group](const CLI::App* sub) {
                 return sub->get_group() == group && !sub->get_name().empty();
             }))
            out += mode == CLI::AppFormatMode::All
                       ? sub->help(sub->get_name(), CLI::AppFormatMode::Sub) + "\n"
                       : make_subcommand(sub);
    }
    return out;
}

std::string HelpFormatter::expanded(const CLI::App* sub, CLI::AppFormatMode mode) const {
#ifdef FLOWHOOK_CLI11_EXPANDED_HAS_MODE
    return make_expanded(sub, mode);
#else
    (void)mode;  // before CLI11 2.5, always in Sub mode
    return make_expanded(sub);
#endif
}

std::string HelpFormatter::make_help(const CLI::App* app, std::string name,
                                     CLI::AppFormatMode mode) const {
    // CLI11 lays out each subcommand of --help-all; the top of it, the rest of --help are ours.
    if (mode == CLI::AppFormatMode::Sub) return expanded(app, mode);
    std::string out = make_description(app);
    out += make_usage(app, name);
    out += make_positionals(app);
    out += option_groups(app, mode);
    out += make_subcommands(app, mode);
    out += '\n';
    out += make_footer(app);
    return out;
}

}  // namespace flowhook::cli
