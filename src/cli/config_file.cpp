#include "cli/config_file.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <istream>
#include <iterator>
#include <sstream>
#include <string_view>
#include <system_error>

#include "cli/option_values.hpp"

namespace flowhook::cli {
namespace {

std::string trim(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return "";
    auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> split_dots(const std::string& text) {
    std::vector<std::string> parts;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, '.');) parts.push_back(trim(part));
    return parts;
}

std::string join_dots(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : ".") + part;
    return text;
}

// A bare or quoted TOML key, dotted or not.
bool is_key(const std::string& key) {
    if (key.empty()) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
               c == '"' || c == '\'';
    });
}

std::string cannot_parse(const std::string& line, const char* why) {
    return "cannot parse \"" + line + "\" (" + why + ")";
}

// What is wrong with the value of `key = value`, or "" (only what CLI11's reader would
// misread: an unclosed string, an array that never closes). An array over several lines is
// joined into `value`, since CLI11 2.1 reads only arrays that start on the key's line.
std::string check_value(const std::string& line, std::string& value, std::istream& rest,
                        std::size_t& number) {
    if (value.empty()) return cannot_parse(line, "a key without a value");
    char quote = value.front();
    if (quote == '"' || quote == '\'') {
        auto close = value.find(quote, 1);
        if (close == std::string::npos)
            return cannot_parse(line, "a string without its closing quote");
        return "";
    }
    if (quote != '[') return "";
    value = trim(value.substr(0, value.find('#')));
    while (value.back() != ']') {
        std::string more;
        if (!std::getline(rest, more)) return cannot_parse(line, "an array without its closing ]");
        ++number;
        more = trim(more);
        if (!more.empty() && more.front() != '#')
            value += " " + trim(more.substr(0, more.find('#')));
    }
    return "";
}

std::string section_names(const CLI::App& root) {
    std::string names;
    for (const CLI::App* sub : root.get_subcommands([](const CLI::App*) { return true; }))
        names += (names.empty() ? "[" : ", [") + sub->get_name() + "]";
    return names;
}

}  // namespace

std::vector<CLI::ConfigItem> LayeredConfig::from_config(std::istream& input) const {
    std::string text(std::istreambuf_iterator<char>(input), {});
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a byte order mark
    std::string checked;
    m_lines.clear();
    m_problem = check(text, checked);
    if (!m_problem.empty()) return {};
    std::istringstream in(checked);
    auto items = CLI::ConfigTOML::from_config(in);
    std::erase_if(items, [this](const CLI::ConfigItem& item) { return set_in_environment(item); });
    return items;
}

std::string LayeredConfig::where(const std::string& section, const std::string& key) const {
    auto found = m_lines.find(section + "." + key);
    std::string line = found == m_lines.end() ? "" : ":" + std::to_string(found->second);
    return file_name() + line + ": " + key + " under [" + section + "]";
}

std::string LayeredConfig::check(const std::string& text, std::string& checked) const {
    std::istringstream in(text);
    std::vector<std::string> section;
    std::size_t number = 0;
    auto at = [&](std::size_t line, const std::string& why) {
        return file_name() + ":" + std::to_string(line) + ": " + why;
    };
    for (std::string raw; std::getline(in, raw);) {
        std::size_t start = ++number;
        std::string line = trim(raw);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;
        if (line.front() == '[') {
            std::string name = trim(line.substr(0, line.find('#')));
            if (name.size() < 3 || name.back() != ']' || name.starts_with("[["))
                return at(start, cannot_parse(line, "expected [section]"));
            section = split_dots(name.substr(1, name.size() - 2));
            if (std::string why = check_key(section, ""); !why.empty()) return at(start, why);
            checked += name + "\n";
            continue;
        }
        auto equals = line.find('=');
        std::string key = trim(line.substr(0, equals));
        if (equals == std::string::npos || !is_key(key))
            return at(start, cannot_parse(line, "expected [section] or key = value"));
        std::string value = trim(line.substr(equals + 1));
        if (std::string why = check_value(line, value, in, number); !why.empty())
            return at(start, why);
        std::vector<std::string> path = section;
        for (std::string& part : split_dots(key)) path.push_back(std::move(part));
        std::string name = path.back();
        path.pop_back();
        name.erase(
            std::remove_if(name.begin(), name.end(), [](char c) { return c == '"' || c == '\''; }),
            name.end());
        if (name.empty()) return at(start, cannot_parse(line, "a key without a name"));
        if (std::string why = check_key(path, name); !why.empty()) return at(start, why);
        m_lines[join_dots(path) + "." + name] = start;
        checked += key + " = " + value + "\n";
    }
    return "";
}

// Whether `section` names a subcommand and `key` (unless empty) one of its configurable
// options, looked up as CLI11 does.
std::string LayeredConfig::check_key(const std::vector<std::string>& section,
                                     const std::string& key) const {
    const CLI::App* app = &m_root;
    for (const std::string& name : section) {
        auto found =
            app->get_subcommands([&](const CLI::App* sub) { return sub->get_name() == name; });
        if (found.empty())
            return "unknown section [" + join_dots(section) + "] (the sections are " +
                   section_names(m_root) + ")";
        app = found.front();
    }
    if (key.empty()) return "";
    const CLI::Option* option = app->get_option_no_throw("--" + key);
    if (!option && key.size() == 1) option = app->get_option_no_throw("-" + key);
    if (!option) option = app->get_option_no_throw(key);
    if (option && option->get_configurable()) return "";
    if (section.empty())
        return "unknown option \"" + key + "\" at the top (options go under " +
               section_names(m_root) + ")";
    return "unknown option \"" + key + "\" under [" + join_dots(section) + "]";
}

bool LayeredConfig::set_in_environment(const CLI::ConfigItem& item) const {
    const CLI::App* app = &m_root;
    try {
        for (const std::string& parent : item.parents) app = app->get_subcommand(parent);
    } catch (const CLI::OptionNotFound&) {
        return false;  // checked before: cannot happen
    }
    const CLI::Option* option = app->get_option_no_throw("--" + item.name);
    if (!option || option->get_envname().empty()) return false;
    const char* value = std::getenv(option->get_envname().c_str());
    return value && *value;
}

std::string LayeredConfig::file_name() const {
    const CLI::Option* config = m_root.get_config_ptr();
    return config ? config->as<std::string>() : "the config file";
}

namespace {

// The first whole-word `name` in `text` replaced by `label`: the option the message is about,
// not a later mention of it in the explanation.
std::string replace_word(std::string text, const std::string& name, const std::string& label) {
    auto part_of_name = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    };
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
        std::size_t end = at + name.size();
        bool whole = (at == 0 || !part_of_name(text[at - 1])) &&
                     (end == text.size() || !part_of_name(text[end]));
        if (whole) return text.replace(at, name.size(), label);
    }
    return text;
}

}  // namespace

Blame blame_source(const CLI::App& sub, const LayeredConfig& config, const std::string& message) {
    Blame blame{sub.get_name(), message};
    for (const CLI::Option* option : sub.get_options()) {
        std::string name = option->get_name();  // "--format"; empty for hidden ones
        ValueSource source = source_of(sub, *option);
        if (name.empty() || source == ValueSource::none || source == ValueSource::command_line)
            continue;
        std::string place = config.where(sub.get_name(), option->get_single_name());
        if (source == ValueSource::config_file && message.starts_with(name + ": "))
            return {"", place + ": " + message.substr(name.size() + 2)};
        // CLI11's "Could not convert: --strict = maybe"
        if (auto at = message.find(" " + name + " = ");
            source == ValueSource::config_file && at != std::string::npos)
            return {"",
                    place + ": \"" + message.substr(at + name.size() + 4) + "\" is not " +
                        (option->get_expected_min() == 0 ? "true or false" : "a value it takes")};
        blame.message = replace_word(blame.message, name, value_source(sub, *option));
    }
    return blame;
}

std::string unreadable_config(const CLI::App& root) {
    std::string path = root.get_config_ptr()->as<std::string>();
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    std::string why;
    if (error) {
        why = error.message();
    } else if (std::filesystem::is_directory(status)) {
        why = std::strerror(EISDIR);
    } else if (std::FILE* file = std::fopen(path.c_str(), "r")) {
        std::fclose(file);
        why = "cannot be read";
    } else {
        why = std::strerror(errno);
    }
    return "--config " + path + ": " + why;
}

}  // namespace flowhook::cli
