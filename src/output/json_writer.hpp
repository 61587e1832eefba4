#pragma once
// RapidJSON writers that append to a std::string.

#include <string>
#include <string_view>

#include <rapidjson/writer.h>

namespace flowhook::output {

// A RapidJSON output stream over a std::string.
struct StringSink {
    using Ch = char;
    std::string* text;
    void Put(char c) { text->push_back(c); }
    void Flush() {}
};

using JsonWriter = rapidjson::Writer<StringSink>;

inline void write_string(JsonWriter& writer, std::string_view text) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void write_key(JsonWriter& writer, std::string_view key) {
    writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

}  // namespace flowhook::output
