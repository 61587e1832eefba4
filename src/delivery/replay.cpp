// Reads the records of flowhook listen back into deliveries (send --replay, check --from).
#include <rapidjson/document.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <system_error>

#include "util/error.hpp"
#include "delivery/replay.hpp"
#include "delivery/request.hpp"
#include "util/base64.hpp"
#include "util/text.hpp"

namespace flowhook::delivery {
namespace {

std::nullopt_t reject(std::string& why, const char* reason) {
    why = reason;
    return std::nullopt;
}

std::optional<http::Headers> recorded_headers(const rapidjson::Value& record, std::string& why) {
    http::Headers headers;
    auto found = record.FindMember("headers");
    if (found == record.MemberEnd()) return headers;
    if (!found->value.IsArray()) return reject(why, "\"headers\" is not an array");
    for (const auto& pair : found->value.GetArray()) {
        if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString())
            return reject(why, "a header is not a [name, value] pair of strings");
        std::string name(pair[0].GetString(), pair[0].GetStringLength());
        std::string value(pair[1].GetString(), pair[1].GetStringLength());
        if (!delivery::replayable_header(name, value)) continue;
        headers.emplace_back(std::move(name), std::move(value));
    }
    return headers;
}

std::optional<std::string> recorded_body(const rapidjson::Value& record, std::string& why) {
    auto raw = record.FindMember("raw");
    if (raw != record.MemberEnd() && raw->value.IsString())
        return std::string(raw->value.GetString(), raw->value.GetStringLength());
    auto encoded = record.FindMember("raw_base64");
    if (encoded != record.MemberEnd() && encoded->value.IsString()) {
        auto body =
            util::base64_decode({encoded->value.GetString(), encoded->value.GetStringLength()});
        if (!body) why = "\"raw_base64\" is not base64";
        return body;
    }
    why = "no \"raw\" or \"raw_base64\" body";
    return std::nullopt;
}

// The delivery recorded on `line`, or nullopt with `why` set.
std::optional<Recorded> parse_record(const std::string& line, std::string& why) {
    rapidjson::Document record;
    record.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
    if (record.HasParseError())
        return reject(why, "not a complete JSON record (torn or corrupt line)");
    if (!record.IsObject()) return reject(why, "not a JSON object");
    auto body = recorded_body(record, why);
    if (!body) return std::nullopt;
    auto headers = recorded_headers(record, why);
    if (!headers) return std::nullopt;
    return Recorded{{}, std::move(*body), std::move(*headers)};
}

}  // namespace

ReplayReader::ReplayReader(const std::string& path, std::string subcommand, std::string option)
    : m_path(path), m_subcommand(std::move(subcommand)), m_in(path, std::ios::binary) {
    if (!m_in) throw Error("cannot read " + option + " file " + path + ": " + std::strerror(errno));
    std::error_code error;
    auto size = std::filesystem::file_size(path, error);
    if (!error) m_size_at_start = size;
}

std::optional<Recorded> ReplayReader::next() {
    // Records appended after the start are not replayed: a listener that records into the
    // file being replayed would otherwise feed the replay forever.
    while (m_read < m_size_at_start && std::getline(m_in, m_text)) {
        ++m_line;
        m_read += m_text.size() + 1;
        if (m_text.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::string why;
        if (auto delivery = parse_record(m_text, why)) {
            delivery->name = m_path + ":" + std::to_string(m_line);
            return delivery;
        }
        std::fprintf(stderr, "flowhook: %s: %s:%zu: skipped: %s\n", m_subcommand.c_str(),
                     m_path.c_str(), m_line, why.c_str());
    }
    if (m_in.bad()) m_error = "a read failed after line " + std::to_string(m_line);
    return std::nullopt;
}

}  // namespace flowhook::delivery
