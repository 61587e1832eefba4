// Arbitrary bytes as a file: split into payloads (document, array or NDJSON), parse each in
// situ and validate as flowhook does, and ask for every finding's position, with a tiny buffer to exercise growth.
// NDJSON is also cut by schema::NdjsonLines in two blocks split at an arbitrary byte, as
// validate --jobs reads it: the payloads and their lines must be the reader's.
// An array file's items, each parsed alone, must be the whole array's items, of whatever JSON
// type; and a finding says "a NUL byte" only where the payload holds one.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "schema/payload_reader.hpp"
#include "schema/validator.hpp"

namespace {

using Lines = std::vector<std::pair<std::string, std::size_t>>;

// Cuts `text` as validate --jobs does: a first block up to the last newline before `split`,
// then the rest to the end of the input.
Lines cut_in_two(std::string text, std::size_t begin, std::size_t line, std::size_t split) {
    Lines lines;
    text.append(flowhook::schema::k_payload_padding, '\0');
    std::size_t end = text.size() - flowhook::schema::k_payload_padding;
    flowhook::schema::NdjsonLines first(text.data() + begin, split - begin, line, false);
    while (auto payload = first.next()) lines.emplace_back(std::string(payload->data, payload->size), payload->line);
    flowhook::schema::NdjsonLines rest(text.data() + begin + first.consumed(),
                                       end - begin - first.consumed(), first.line(), true);
    while (auto payload = rest.next()) lines.emplace_back(std::string(payload->data, payload->size), payload->line);
    return lines;
}

// `value` as compact JSON text (equal values, duplicate keys and all, give equal texts).
std::string compact(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    int fd = memfd_create("fuzz", 0);
    if (fd < 0) return 0;
    if (size > 0 && ::write(fd, data, size) != static_cast<ssize_t>(size)) {
        ::close(fd);
        return 0;
    }
    ::lseek(fd, 0, SEEK_SET);
    flowhook::schema::PayloadReader reader(fd, 64);
    Lines read;
    while (auto payload = reader.next()) {
        read.emplace_back(std::string(payload->data, payload->size), payload->line);
        const std::string& text = read.back().first;
        rapidjson::Document document;
        flowhook::schema::ValidationResult result;
        flowhook::schema::parse_and_validate(payload->data, payload->size, document, {}, result);
        for (const auto& finding : result.findings) {
            reader.position(*payload, finding.offset.value_or(0));
            if (finding.message == flowhook::schema::nul_byte_finding(0).message &&
                (!finding.offset || *finding.offset >= text.size() || text[*finding.offset] != '\0'))
                std::abort();
        }
    }
    if (reader.layout() == flowhook::schema::Layout::array) {
        std::string whole(reinterpret_cast<const char*>(data), size);
        if (whole.compare(0, 3, "\xEF\xBB\xBF") == 0) whole.erase(0, 3);
        rapidjson::Document array;
        array.Parse<rapidjson::kParseIterativeFlag>(whole.c_str(), whole.size());
        if (array.HasParseError() || !array.IsArray() || array.Size() != read.size()) std::abort();
        for (std::size_t i = 0; i < read.size(); ++i) {
            rapidjson::Document item;
            item.Parse<rapidjson::kParseIterativeFlag>(read[i].first.c_str(), read[i].first.size());
            if (item.HasParseError() ||
                compact(item) != compact(array[static_cast<rapidjson::SizeType>(i)]))
                std::abort();
        }
    }
    if (reader.layout() == flowhook::schema::Layout::ndjson) {
        std::string text(reinterpret_cast<const char*>(data), size);
        std::size_t begin = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
        std::size_t split = begin + (size > begin ? data[size / 2] % (size - begin + 1) : 0);
        if (cut_in_two(text, begin, 1, split) != read) std::abort();
    }
    ::close(fd);
    return 0;
}
