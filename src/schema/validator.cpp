#include "schema/validator.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "schema/payload_reader.hpp"

namespace flowhook::schema {
namespace {

using Member = rapidjson::Value::ConstMemberIterator;

constexpr std::size_t k_max_quoted = 40;  // longest value quoted in a message

std::string_view name_of(const rapidjson::Value& key) {
    return {key.GetString(), key.GetStringLength()};
}

// A scalar as JSON text; a long string is cut and marked with "...".
std::string json_text(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    bool cut = value.IsString() && value.GetStringLength() > k_max_quoted;
    if (cut) {
        // Cut before a character, never inside one: the report must stay valid UTF-8.
        std::size_t length = k_max_quoted;
        while (length > 0 && (static_cast<unsigned char>(value.GetString()[length]) & 0xC0) == 0x80)
            --length;
        rapidjson::Value head(value.GetString(), static_cast<rapidjson::SizeType>(length));
        head.Accept(writer);
    } else {
        value.Accept(writer);
    }
    std::string text = buffer.GetString();
    if (cut) text.insert(text.size() - 1, "...");
    return text;
}

// "the string \"7123\"", "the number 7.0", "an object": how a message names a value.
std::string describe_value(const rapidjson::Value& value) {
    if (value.IsObject()) return "an object";
    if (value.IsArray()) return "an array";
    if (value.IsNull()) return "null";
    if (value.IsBool()) return value.GetBool() ? "true" : "false";
    return (value.IsString() ? "the string " : "the number ") + json_text(value);
}

std::string child_pointer(std::string_view parent, std::string_view name) {
    return std::string(parent) + "/" + pointer_token(name);
}

// "/order/Id": built only when a finding needs it, so a valid payload allocates nothing.
std::string member_pointer(std::string_view reference, std::string_view name) {
    return child_pointer(child_pointer("", reference), name);
}

// Where a member starts in the payload text: its key's opening quote. In-situ parsing leaves
// each key's characters where they were, right after that quote.
const char* key_start(Member m) { return m->name.GetString() - 1; }

bool fits_id(const rapidjson::Value& value) {
    return value.IsUint64() &&
           value.GetUint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

// A number that is integral but outside 0..2^63-1 (as opposed to 7.0, which is a wrong type).
bool is_out_of_range_integer(const rapidjson::Value& value) {
    if (value.IsInt64() || value.IsUint64()) return true;  // negative, or above 2^63-1
    if (!value.IsDouble()) return false;
    double d = value.GetDouble();
    return std::trunc(d) == d && std::fabs(d) >= 9.2e18;
}

class Checker {
public:
    Checker(std::string_view text, const ValidateOptions& options, ValidationResult& result)
        : m_text(text), m_options(options), m_result(result) {}

    void check_payload(const rapidjson::Value& payload) {
        if (!payload.IsObject()) {
            add(Severity::error, Code::not_an_object, "",
                "expected a JSON object, got " + describe_value(payload), nullptr);
            return;
        }
        Member action = payload.FindMember("action");
        if (action == payload.MemberEnd()) {
            add(Severity::error, Code::missing_field, "/action",
                "/action: missing; every event names its action", nullptr);
            return;
        }
        if (!check_action(action)) return;
        check_fields(payload, *m_result.action->spec);
    }

private:
    void add(Severity severity, Code code, std::string pointer, std::string message,
             const char* where) {
        std::optional<std::size_t> offset;
        if (where && where >= m_text.data() && where < m_text.data() + m_text.size())
            offset = static_cast<std::size_t>(where - m_text.data());
        m_result.findings.push_back(
            {severity, code, std::move(pointer), std::move(message), offset});
    }

    Severity unknown_severity() const {
        return m_options.strict ? Severity::error : Severity::warning;
    }

    // Records the action's spelling; false when the rest of the payload cannot be checked.
    bool check_action(Member action) {
        const char* at = key_start(action);
        if (!action->value.IsString()) {
            add(Severity::error, Code::wrong_type, "/action",
                "/action: expected a string, got " + describe_value(action->value), at);
            return false;
        }
        std::string_view spelling = name_of(action->value);
        if (spelling.empty()) {
            add(Severity::error, Code::empty_value, "/action", "/action: is empty", at);
            return false;
        }
        auto match = find_action(spelling);
        if (!match) {
            std::string message = "/action: unknown action " + json_text(action->value);
            if (auto suggestion = suggest_action(spelling); !suggestion.empty())
                message += "; did you mean \"" + std::string(suggestion) + "\"?";
            add(Severity::error, Code::unknown_action, "/action", std::move(message), at);
            return false;
        }
        m_result.action = match;
        check_required_action(*match, at);
        return true;
    }

    void check_required_action(const ActionMatch& match, const char* at) {
        if (!m_options.require) return;
        auto required = find_action(*m_options.require);
        if (required && required->spec == match.spec) return;
        add(Severity::error, Code::action_mismatch, "/action",
            "/action: expected " + *m_options.require + ", got " + std::string(match.spelling),
            at);
    }

    // One pass over the members: each known field checked once, the rest reported.
    void check_fields(const rapidjson::Value& payload, const ActionSpec& spec) {
        std::uint64_t seen = 0;  // bit i: spec.fields[i] was met (an action has a few fields)
        bool seen_action = false;
        for (Member m = payload.MemberBegin(); m != payload.MemberEnd(); ++m) {
            std::string_view name = name_of(m->name);
            if (name == "action") {
                if (seen_action) report_duplicate("", m);
                seen_action = true;
                continue;
            }
            const FieldSpec* field = spec.field(name);
            if (!field) {
                report_unknown_top_level(name, spec, m);
                continue;
            }
            std::uint64_t bit = std::uint64_t{1} << (field - spec.fields.data());
            if (seen & bit) {
                report_duplicate("", m);
                continue;
            }
            seen |= bit;
            if (field->kind == FieldKind::date)
                check_date(m);
            else
                check_reference(m);
        }
        for (std::size_t i = 0; i < spec.fields.size(); ++i) {
            if (seen & (std::uint64_t{1} << i)) continue;
            const FieldSpec& field = spec.fields[i];
            std::string pointer = child_pointer("", field.name);
            add(Severity::error, Code::missing_field, pointer,
                pointer + ": missing; " + std::string(spec.name) +
                    (field.kind == FieldKind::date ? " carries a date YYYY-MM-DD"
                                                   : " carries this reference"),
                nullptr);
        }
    }

    void report_duplicate(std::string_view parent, Member m) {
        std::string pointer = child_pointer(parent, name_of(m->name));
        add(Severity::error, Code::duplicate_field, pointer,
            pointer + ": appears more than once in the same object", key_start(m));
    }

    void report_unknown_top_level(std::string_view name, const ActionSpec& spec, Member m) {
        std::string pointer = child_pointer("", name);
        std::string why = is_reference_name(name)
                              ? "is not a reference the platform documents for " +
                                    std::string(spec.name)
                              : "is not a field the platform documents";
        add(unknown_severity(), Code::unknown_field, pointer, pointer + ": " + why, key_start(m));
    }

    void check_date(Member m) {
        const char* at = key_start(m);
        if (m->value.IsString() && is_calendar_date(name_of(m->value))) return;
        std::string pointer = child_pointer("", name_of(m->name));
        if (!m->value.IsString()) {
            add(Severity::error, Code::wrong_type, pointer,
                pointer + ": expected a date string YYYY-MM-DD, got " + describe_value(m->value),
                at);
        } else {
            add(Severity::error, Code::invalid_date, pointer,
                pointer + ": expected a calendar date YYYY-MM-DD, got " +
                    json_text(m->value),
                at);
        }
    }

    void check_reference(Member m) {
        const char* at = key_start(m);
        std::string_view name = name_of(m->name);
        if (!m->value.IsObject()) {
            std::string pointer = child_pointer("", name);
            add(Severity::error, Code::wrong_type, pointer,
                pointer + ": expected a reference object {\"Id\": ..., \"Uid\": ...}, got " +
                    describe_value(m->value),
                at);
            return;
        }
        bool seen_id = false, seen_uid = false;
        for (Member inner = m->value.MemberBegin(); inner != m->value.MemberEnd(); ++inner) {
            std::string_view inner_name = name_of(inner->name);
            bool is_id = inner_name == "Id", is_uid = inner_name == "Uid";
            if (!is_id && !is_uid) {
                std::string pointer = member_pointer(name, inner_name);
                add(unknown_severity(), Code::unknown_field, pointer,
                    pointer + ": is not a field the platform documents in a reference",
                    key_start(inner));
            } else if ((is_id && seen_id) || (is_uid && seen_uid)) {
                report_duplicate(child_pointer("", name), inner);
            } else if (is_id) {
                seen_id = true;
                check_id(name, inner);
            } else {
                seen_uid = true;
                check_uid(name, inner);
            }
        }
        if (!seen_id) report_missing_in_reference(name, "Id", "an integer", at);
        if (!seen_uid) report_missing_in_reference(name, "Uid", "a string", at);
    }

    void report_missing_in_reference(std::string_view reference, std::string_view field,
                                     std::string_view kind, const char* at) {
        std::string pointer = member_pointer(reference, field);
        add(Severity::error, Code::missing_field, pointer,
            pointer + ": missing; a reference carries " + std::string(kind) + " " +
                std::string(field),
            at);
    }

    void check_id(std::string_view reference, Member m) {
        const rapidjson::Value& value = m->value;
        if (fits_id(value)) return;
        const char* at = key_start(m);
        std::string pointer = member_pointer(reference, "Id");
        std::string got = value.IsNumber() ? "the number " + number_text(m) : describe_value(value);
        if (value.IsNumber() && is_out_of_range_integer(value)) {
            add(Severity::error, Code::out_of_range, pointer,
                pointer + ": expected an integer from 0 to 2^63-1, got " + got, at);
        } else {
            add(Severity::error, Code::wrong_type, pointer,
                pointer + ": expected an integer, got " + got, at);
        }
    }

    // The number of an "Id" member as the payload wrote it: a number beyond 64 bits reaches us
    // as a double, and "99999999999999999999999" says more than "9.999999999999999e22".
    // In situ, the key's NUL sits where its closing quote was (or before it, when the key had
    // escapes, whose leftovers for "Id" never hold a ':'), and the number is left untouched.
    std::string number_text(Member m) const {
        const char* end = m_text.data() + m_text.size();
        const char* p = m->name.GetString() + m->name.GetStringLength();
        if (p < m_text.data() || p >= end) return json_text(m->value);
        while (p < end && *p != ':') ++p;
        ++p;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) ++p;
        const char* start = p;
        while (p < end && (std::isdigit(static_cast<unsigned char>(*p)) || *p == '-' ||
                           *p == '+' || *p == '.' || *p == 'e' || *p == 'E'))
            ++p;
        if (p == start) return json_text(m->value);
        return std::string(start, p);
    }

    void check_uid(std::string_view reference, Member m) {
        if (m->value.IsString() && m->value.GetStringLength() > 0) return;
        const char* at = key_start(m);
        std::string pointer = member_pointer(reference, "Uid");
        if (!m->value.IsString()) {
            add(Severity::error, Code::wrong_type, pointer,
                pointer + ": expected a string, got " + describe_value(m->value), at);
        } else {
            add(Severity::error, Code::empty_value, pointer,
                pointer + ": is empty; a Uid is a non-empty string", at);
        }
    }

    std::string_view m_text;
    const ValidateOptions& m_options;
    ValidationResult& m_result;
};

}  // namespace

std::string_view code_name(Code code) {
    switch (code) {
        case Code::invalid_json: return "invalid-json";
        case Code::not_an_object: return "not-an-object";
        case Code::missing_field: return "missing-field";
        case Code::wrong_type: return "wrong-type";
        case Code::out_of_range: return "out-of-range";
        case Code::empty_value: return "empty-value";
        case Code::invalid_date: return "invalid-date";
        case Code::unknown_action: return "unknown-action";
        case Code::action_mismatch: return "action-mismatch";
        case Code::duplicate_field: return "duplicate-field";
        case Code::unknown_field: return "unknown-field";
    }
    return "unknown";
}

std::string_view severity_name(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

bool ValidationResult::valid() const { return count(Severity::error) == 0; }

std::size_t ValidationResult::count(Severity severity) const {
    std::size_t n = 0;
    for (const Finding& f : findings) n += f.severity == severity;
    return n;
}

void ValidationResult::clear() {
    action.reset();
    findings.clear();
}

void validate(const rapidjson::Value& payload, std::string_view text,
              const ValidateOptions& options, ValidationResult& result) {
    Checker(text, options, result).check_payload(payload);
}

ValidationResult validate_text(std::string_view text, const ValidateOptions& options) {
    std::string buffer(text);
    buffer.append(k_payload_padding, '\0');  // RapidJSON's UTF-8 check may read past the end
    rapidjson::Document document;
    ValidationResult result;
    parse_and_validate(buffer.data(), text.size(), document, options, result);
    return result;
}

Finding nul_byte_finding(std::size_t offset) {
    return {Severity::error, Code::invalid_json, "",
            "not JSON: a NUL byte in the text (a string spells it \\u0000)", offset};
}

std::string describe_parse_error(rapidjson::ParseErrorCode code) {
    if (code == rapidjson::kParseErrorDocumentEmpty) return "not JSON: the text is empty";
    if (code == rapidjson::kParseErrorStringInvalidEncoding)
        return "not JSON: a cut or invalid UTF-8 sequence in a string";
    std::string message = rapidjson::GetParseError_En(code);
    if (!message.empty() && message.back() == '.') message.pop_back();
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    return "not JSON: " + message;
}

std::string describe_invalid_utf8(const unsigned char* bytes, std::size_t size,
                                  std::size_t available) {
    auto hex = [](unsigned char byte) {
        static constexpr char k_digits[] = "0123456789ABCDEF";
        return std::string{'0', 'x', k_digits[byte >> 4], k_digits[byte & 0xF]};
    };
    const std::string invalid = "not JSON: an invalid UTF-8 sequence in a string: ";
    unsigned char lead = bytes[0];
    if (lead >= 0x80 && lead <= 0xBF) return invalid + hex(lead) + " continues no character";
    if (lead < 0xC2 || lead > 0xF4) return invalid + hex(lead) + " is never in UTF-8";
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    const std::string cut = "not JSON: a cut UTF-8 sequence in a string: " + hex(lead) +
                            " starts a " + std::to_string(length) + "-byte character, only ";
    for (std::size_t i = 1; i < length; ++i) {
        std::string got = std::to_string(i) + (i == 1 ? " byte" : " bytes") + " of it before ";
        if (i >= available || i >= size) return cut + got + "the payload ends";
        unsigned char byte = bytes[i];
        if ((byte & 0xC0) != 0x80) return cut + got + hex(byte);
        if (i > 1) continue;
        std::string pair = invalid + hex(lead) + " " + hex(byte);
        if ((lead == 0xE0 && byte < 0xA0) || (lead == 0xF0 && byte < 0x90))
            return pair + " starts an overlong encoding";
        if (lead == 0xED && byte >= 0xA0) return pair + " starts a UTF-16 surrogate";
        if (lead == 0xF4 && byte >= 0x90) return pair + " starts a character beyond U+10FFFF";
    }
    return describe_parse_error(rapidjson::kParseErrorStringInvalidEncoding);
}

bool is_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return false;
    auto number = [&](std::size_t from, std::size_t length) {
        int n = 0;
        for (std::size_t i = from; i < from + length; ++i) n = n * 10 + (text[i] - '0');
        return n;
    };
    int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = k_days[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= last;
}

std::string pointer_token(std::string_view name) {
    std::string token;
    token.reserve(name.size());
    for (char c : name) {
        if (c == '~')
            token += "~0";
        else if (c == '/')
            token += "~1";
        else
            token += c;
    }
    return token;
}

}  // namespace flowhook::schema
