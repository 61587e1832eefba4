#include "listen/printer.hpp"

#include <cstdio>
#include <type_traits>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "output/delivery_record.hpp"
#include "output/reporters.hpp"
#include "util/terminal.hpp"
#include "util/text.hpp"
#include "util/units.hpp"

namespace flowhook::listen {
namespace {

using util::paint;
using util::Style;
using output::local_time;

constexpr std::size_t k_max_text_body = 64 * 1024;  // a non-JSON body is shown up to this

// Pretty JSON with keys, strings and scalars coloured; the text is RapidJSON's, so control
// characters inside strings are already escaped.
std::string paint_json(const std::string& json, bool colour) {
    if (!colour) return json;
    std::string out;
    for (std::size_t i = 0; i < json.size();) {
        char c = json[i];
        if (c == '"') {
            std::size_t end = i + 1;
            while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
            std::size_t next = json.find_first_not_of(' ', end + 1);
            bool key = next != std::string::npos && json[next] == ':';
            out += paint(std::string_view(json).substr(i, end + 1 - i), key ? Style::cyan : Style::green, true);
            i = end + 1;
        } else if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
            std::size_t end = json.find_first_of(",\n]} ", i);
            out += paint(std::string_view(json).substr(i, end - i), Style::yellow, true);
            i = end;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

// A body that is not JSON, made safe for a terminal: control bytes shown as \xNN.
std::string safe_text(std::string_view body) {
    std::string text = util::to_valid_utf8(body.substr(0, k_max_text_body));
    std::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", u);
            out += escaped;
        } else {
            out += c;
        }
    }
    if (body.size() > k_max_text_body)
        out += "\n... (" + std::to_string(body.size() - k_max_text_body) + " more bytes)";
    return out;
}

std::string verdict(const schema::ValidationResult& result, bool colour) {
    std::size_t errors = result.count(schema::Severity::error);
    std::size_t warnings = result.count(schema::Severity::warning);
    std::string text = errors ? paint("INVALID", Style::red, colour) : paint("valid", Style::green, colour);
    if (errors) text += ", " + std::to_string(errors) + (errors == 1 ? " error" : " errors");
    if (warnings) text += ", " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
    text += '\n';
    for (const schema::Finding& finding : result.findings) {
        bool error = finding.severity == schema::Severity::error;
        text += "    " + paint(schema::severity_name(finding.severity), error ? Style::red : Style::yellow, colour);
        text += ": " + util::to_valid_utf8(finding.message);
        text += paint(" [" + std::string(schema::code_name(finding.code)) + "]", Style::dim, colour) + "\n";
    }
    return text;
}

// "  gzip, 3.1 KiB -> 12 KiB": how the body came compressed.
std::string encoding_line(const http::Request& request) {
    if (request.encoding.empty()) return {};
    return "  " + safe_text(request.encoding) + ", " + util::format_size(request.raw.size()) + " -> " +
           util::format_size(request.body.size()) + "\n";
}

// The headers a proxy or tunnel adds to say who the client was and how it connected; the
// remote address is then the proxy's.
std::string proxy_line(const http::Request& request) {
    std::string line;
    for (std::string_view name : {"Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"}) {
        for (const auto& [key, value] : request.headers) {
            if (!util::iequals(key, name)) continue;
            line += "  " + std::string(name) + ": " + safe_text(value);
            break;
        }
    }
    return line.empty() ? line : line + "\n";
}

}  // namespace

std::string reference_line(const schema::ValidationResult& result, const rapidjson::Value* payload) {
    if (!result.action) {
        if (!payload) return "(body is not JSON)";
        return "(no known action)";
    }
    std::string line = output::action_label(result);
    if (!payload || !payload->IsObject()) return line;
    for (const schema::FieldSpec& field : result.action->spec->fields) {
        auto member = payload->FindMember(rapidjson::StringRef(field.name.data(), field.name.size()));
        if (member == payload->MemberEnd()) continue;
        const rapidjson::Value& value = member->value;
        if (field.kind == schema::FieldKind::date && value.IsString()) {
            line += " " + std::string(field.name) + "=" + util::to_valid_utf8(value.GetString());
        } else if (value.IsObject() && value.HasMember("Id") && value["Id"].IsInt64()) {
            line += " " + std::string(field.name) + "=" + std::to_string(value["Id"].GetInt64());
        }
    }
    return line;
}

std::string Printer::text(const DeliveryView& delivery) const {
    const http::Request& request = *delivery.request;
    bool colour = m_options.colour;
    // On a terminal, a line's variable part is cut to what the rest of the line leaves.
    auto fit = [&](std::string part, std::size_t rest) {
        if (!m_options.width) return part;
        return util::cut_to_columns(part, *m_options.width > rest + 10 ? *m_options.width - rest : 10);
    };
    std::string time = local_time(request.received), from = "  from " + request.remote;
    std::string line = safe_text(request.method) + " " + safe_text(request.target);
    std::string text = paint(time, Style::dim, colour) + "  " +
                       paint(fit(line, util::text_columns(time) + 2 + util::text_columns(from)), Style::bold, colour) +
                       from + "\n";
    text += proxy_line(request);
    text += encoding_line(request);
    text += "  " + fit(reference_line(*delivery.result, delivery.parsed), 2) + "\n";
    text += "  " + verdict(*delivery.result, colour);
    if (delivery.repeat && delivery.repeat->count > 1)
        text += "  " + paint("repeat #" + std::to_string(delivery.repeat->count) + " of " + delivery.repeat->hash,
                             Style::magenta, colour) +
                " (first received " + local_time(delivery.repeat->first).substr(11) + ")\n";
    bool good = delivery.status && *delivery.status < 300;
    text += "  " + paint(fit(delivery.outcome, 2), good ? Style::green : Style::yellow, colour) + "\n";
    if (m_options.headers) {
        text += "  headers:\n";
        for (const auto& [name, value] : request.headers)
            text += "    " + safe_text(name) + ": " + safe_text(output::masked_header_value(name, value)) + "\n";
    }
    if (m_options.body) {
        if (delivery.parsed) {
            rapidjson::StringBuffer buffer;
            rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
            writer.SetIndent(' ', 2);
            delivery.parsed->Accept(writer);
            text += paint_json(buffer.GetString(), colour) + "\n";
        } else if (!request.body.empty()) {  // decoded, when it came compressed
            text += safe_text(request.body) + "\n";
        }
    }
    return text + "\n";
}

void Printer::print(const DeliveryView& delivery, const std::string& record) {
    std::string out = m_options.ndjson ? record : text(delivery);
    std::lock_guard lock(m_mutex);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
}

void Tally::delivery(const schema::ValidationResult& result, bool repeat, std::optional<int> status) {
    std::lock_guard lock(m_mutex);
    ++m_deliveries;
    ++(result.valid() ? m_valid : m_invalid);
    if (repeat) ++m_repeats;
    ++m_actions[result.action ? std::string(result.action->spec->name) : std::string("(no known action)")];
    if (status)
        ++m_answers[*status];
    else
        ++m_dropped;
}

void Tally::refusal(int status) {
    std::lock_guard lock(m_mutex);
    ++m_refusals[status];
}

std::size_t Tally::deliveries() const {
    std::lock_guard lock(m_mutex);
    return m_deliveries;
}

std::string Tally::summary(std::chrono::milliseconds uptime) const {
    std::lock_guard lock(m_mutex);
    auto counts = [](const auto& map, const char* separator) {
        std::string text;
        for (const auto& [key, count] : map) {
            if (!text.empty()) text += ", ";
            if constexpr (std::is_same_v<std::decay_t<decltype(key)>, int>)
                text += std::to_string(key) + separator + std::to_string(count);
            else
                text += key + separator + std::to_string(count);
        }
        return text.empty() ? std::string("none") : text;
    };
    std::string text = "flowhook listen: " + std::to_string(m_deliveries) +
                       (m_deliveries == 1 ? " delivery" : " deliveries") + " in " +
                       util::format_duration(uptime) + "\n";
    text += "  by action: " + counts(m_actions, " ") + "\n";
    text += "  valid " + std::to_string(m_valid) + ", invalid " + std::to_string(m_invalid) +
            ", repeats " + std::to_string(m_repeats) + "\n";
    text += "  answers: " + counts(m_answers, " x");
    if (m_dropped) text += ", dropped x" + std::to_string(m_dropped);
    text += "\n";
    if (!m_refusals.empty()) text += "  refused before delivery: " + counts(m_refusals, " x") + "\n";
    return text;
}

}  // namespace flowhook::listen
