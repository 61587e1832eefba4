#include "schema/assignment.hpp"

#include <rapidjson/document.h>
#include <rapidjson/encodings.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <limits>

#include "schema/catalog.hpp"
#include "schema/validator.hpp"

namespace flowhook::schema {
namespace {

bool is_utf8(std::string_view text) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    while (stream.Tell() < text.size()) {
        unsigned code_point = 0;
        if (!rapidjson::UTF8<>::Decode(stream, &code_point)) return false;
    }
    return true;
}

std::optional<std::string> check_name(std::string_view name) {
    if (name.empty()) return "a name in the path is empty";
    for (char c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return "the path contains a control character";
    return std::nullopt;
}

std::string joined(const std::vector<std::string>& path) {
    std::string text;
    for (const std::string& name : path) text += (text.empty() ? "" : ".") + name;
    return text;
}

std::string reference_list() {
    std::string list;
    for (std::string_view name : k_reference_names)
        list += (list.empty() ? "" : ", ") + std::string(name);
    return list;
}

// VALUE as JSON text: itself when it is a JSON value, else a JSON string holding it.
std::string as_json(const std::string& value) {
    rapidjson::Document document;
    document.Parse<rapidjson::kParseValidateEncodingFlag>(value.c_str(), value.size());
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    if (document.HasParseError())
        writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    else
        document.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

using Resolved = Result<Override>;

Resolved resolve_action(const Assignment& a, Override o, std::string_view source,
                        bool allow_unknown) {
    if (a.path.size() > 1)
        return Resolved::failure(std::string(source) + ": action is a string; it has no fields");
    if (a.value.empty())
        return Resolved::failure(std::string(source) + ": action takes a non-empty string");
    if (!find_action(a.value) && !allow_unknown) {
        std::string message = std::string(source) + ": unknown action \"" + a.value + "\"";
        if (auto suggestion = suggest_action(a.value); !suggestion.empty())
            message += "; did you mean \"" + std::string(suggestion) + "\"?";
        return Resolved::failure(message + " (--allow-unknown sends it anyway)");
    }
    o.target = Target::action;
    o.text = a.value;
    return o;
}

Resolved resolve_date(const Assignment& a, Override o, std::string_view source) {
    if (a.path.size() > 1)
        return Resolved::failure(std::string(source) + ": date is a string; it has no fields");
    if (!is_calendar_date(a.value))
        return Resolved::failure(std::string(source) + ": date takes a calendar date YYYY-MM-DD");
    o.target = Target::date;
    o.text = a.value;
    return o;
}

Resolved resolve_id(const Assignment& a, Override o, std::string_view source) {
    const std::string& v = a.value;
    std::uint64_t id = 0;
    auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), id);
    bool digits_only = !v.empty() && v[0] >= '0' && v[0] <= '9';  // from_chars takes no '+'
    if (!digits_only || error != std::errc{} || end != v.data() + v.size() ||
        id > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return Resolved::failure(std::string(source) + ": " + joined(a.path) +
                                 " takes an integer from 0 to 9223372036854775807");
    o.target = Target::id;
    o.id = static_cast<std::int64_t>(id);
    return o;
}

Resolved resolve_reference(const Assignment& a, Override o, std::string_view source,
                           bool allow_unknown) {
    const std::string& reference = a.path[0];
    o.reference = reference;
    if (a.path.size() == 1)
        return Resolved::failure(std::string(source) + ": " + reference + " is a reference; set " +
                                 reference + ".Id or " + reference + ".Uid");
    const std::string& member = a.path[1];
    if ((member == "Id" || member == "Uid") && a.path.size() > 2)
        return Resolved::failure(std::string(source) + ": " + reference + "." + member +
                                 " is a scalar; it has no fields");
    if (member == "Id") return resolve_id(a, std::move(o), source);
    if (member == "Uid") {
        if (a.value.empty())
            return Resolved::failure(std::string(source) + ": " + joined(a.path) +
                                     " takes a non-empty string");
        o.target = Target::uid;
        o.text = a.value;
        return o;
    }
    if (!allow_unknown)
        return Resolved::failure(std::string(source) + ": unknown field " + joined(a.path) +
                                 "; a reference has Id and Uid (--allow-unknown adds it)");
    o.target = Target::extra;
    o.path.assign(a.path.begin() + 1, a.path.end());
    o.text = as_json(a.value);
    return o;
}

}  // namespace

Result<Assignment> parse_assignment(std::string_view text) {
    using R = Result<Assignment>;
    std::size_t equals = text.find('=');
    if (equals == std::string_view::npos)
        return R::failure("expected PATH=VALUE, e.g. order.Id=42");
    std::string_view path = text.substr(0, equals);
    if (path.empty()) return R::failure("the path before '=' is empty");
    if (!is_utf8(text)) return R::failure("not valid UTF-8");
    Assignment assignment;
    assignment.value = std::string(text.substr(equals + 1));
    for (std::size_t start = 0;;) {
        std::size_t dot = path.find('.', start);
        std::string_view name =
            path.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (auto problem = check_name(name)) return R::failure(*problem);
        assignment.path.emplace_back(name);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return assignment;
}

Result<Override> resolve_assignment(const Assignment& assignment, std::string_view source,
                                    bool allow_unknown) {
    Override o;
    o.source = std::string(source);
    const std::string& head = assignment.path.at(0);
    if (head == "action") return resolve_action(assignment, std::move(o), source, allow_unknown);
    if (head == "date") return resolve_date(assignment, std::move(o), source);
    if (is_reference_name(head))
        return resolve_reference(assignment, std::move(o), source, allow_unknown);
    if (!allow_unknown)
        return Resolved::failure(std::string(source) + ": unknown field \"" + head +
                                 "\"; known: action, date, " + reference_list() +
                                 " (--allow-unknown adds it)");
    o.target = Target::extra;
    o.path = assignment.path;
    o.text = as_json(assignment.value);
    return o;
}

}  // namespace flowhook::schema
