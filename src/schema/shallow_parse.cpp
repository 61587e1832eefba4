#include "schema/shallow_parse.hpp"

#include <cstdint>

#include <rapidjson/memorystream.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/reader.h>

namespace flowhook::schema {
namespace {

// Hands a document's SAX events on, refusing to open a value deeper than `levels`.
class DepthLimit {
public:
    DepthLimit(rapidjson::Document& document, std::size_t levels) : m_document(document), m_room(levels) {}

    bool Null() { return m_document.Null(); }
    bool Bool(bool value) { return m_document.Bool(value); }
    bool Int(int value) { return m_document.Int(value); }
    bool Uint(unsigned value) { return m_document.Uint(value); }
    bool Int64(std::int64_t value) { return m_document.Int64(value); }
    bool Uint64(std::uint64_t value) { return m_document.Uint64(value); }
    bool Double(double value) { return m_document.Double(value); }
    bool RawNumber(const char* text, rapidjson::SizeType size, bool copy) {
        return m_document.RawNumber(text, size, copy);
    }
    bool String(const char* text, rapidjson::SizeType size, bool copy) { return m_document.String(text, size, copy); }
    bool Key(const char* text, rapidjson::SizeType size, bool copy) { return m_document.Key(text, size, copy); }
    bool StartObject() { return enter() && m_document.StartObject(); }
    bool EndObject(rapidjson::SizeType members) { return leave() && m_document.EndObject(members); }
    bool StartArray() { return enter() && m_document.StartArray(); }
    bool EndArray(rapidjson::SizeType items) { return leave() && m_document.EndArray(items); }

private:
    bool enter() {
        if (m_room == 0) return false;
        --m_room;
        return true;
    }
    bool leave() {
        ++m_room;
        return true;
    }

    rapidjson::Document& m_document;
    std::size_t m_room;
};

}  // namespace

bool parse_shallow(std::string_view text, rapidjson::Document& document, std::size_t levels) {
    rapidjson::MemoryStream memory(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(memory);
    bool parsed = false;
    auto parse = [&](rapidjson::Document& target) {
        rapidjson::Reader reader;
        DepthLimit limit(target, levels);
        parsed = !reader.Parse<rapidjson::kParseNoFlags>(stream, limit).IsError();
        return parsed;
    };
    document.Populate(parse);
    return parsed;
}

}  // namespace flowhook::schema
