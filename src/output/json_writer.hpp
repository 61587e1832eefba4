#pragma once
// RapidJSON writers that append to a std::string.

#include <string>
#include <string_view>

#include <rapidjson/writer.h>

#include "schema/validator.hpp"

namespace flowhook::output {

// A RapidJSON output stream over a std::string.
struct StringSink {
    using Ch = char;
    std::string* text;
    void Put(char c) { text->push_back(c); }
    void Flush() {}
};

using JsonWriter = rapidjson::Writer<StringSink>;

}  // namespace flowhook::output

// Strings are copied in runs up to the next character to escape, not a push_back per byte:
// the per-byte path was a sixth of the listener's instructions per delivery (record lines).
// RapidJSON specialises this hook the same way for its own StringBuffer.
template <>
inline bool flowhook::output::JsonWriter::ScanWriteUnescapedString(rapidjson::StringStream& is,
                                                                     std::size_t length) {
    const char* begin = is.src_;
    const char* end = is.head_ + length;
    const char* p = begin;
    while (p != end) {
        auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c == '"' || c == '\\') break;
        ++p;
    }
    os_->text->append(begin, static_cast<std::size_t>(p - begin));
    is.src_ = p;
    return p != end;
}

namespace flowhook::output {

inline void write_string(JsonWriter& writer, std::string_view text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void write_key(JsonWriter& writer, std::string_view key) {
    writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// Appends `text` as a JSON string (quoted and escaped as RapidJSON's writer does), eight bytes
// at a time where none needs escaping. `text` must be UTF-8.
void append_json_string(std::string& out, std::string_view text);

// Appends JSON text as it is, without its line breaks: in valid JSON they can only stand
// between tokens, so the value is the same, now on one line.
void append_json_on_one_line(std::string& out, std::string_view json);

// Writes a value that is then appended to the writer's string by hand: the writer puts the
// separator before it (':' after a key, ',' between items) and counts it, nothing else.
inline void write_raw_value_prefix(JsonWriter& writer, rapidjson::Type type) { writer.RawValue("", 0, type); }

// A finding's severity, code, pointer and message, as members of the object being written:
// the same keys in validate's json report and in listen's delivery records.
void write_finding_members(JsonWriter& writer, const schema::Finding& finding);

}  // namespace flowhook::output
