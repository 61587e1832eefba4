#pragma once
// The delivery record: one JSON object per line, written by listen (--record, --format ndjson)
// and read by send --replay. Keys, in this order: received, method, path, remote, headers,
// body, raw (raw_base64 when the body is not UTF-8), encoding (only for a body that came with
// a Content-Encoding: then body is the decoded one, raw the bytes as received), action,
// spelling, valid, findings, repeat, status.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/validator.hpp"

namespace flowhook::output {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct DeliveryRecord {
    std::chrono::system_clock::time_point received;
    std::string_view method;
    std::string_view path;  // path and query, as sent
    std::string_view remote;
    const HeaderList* headers = nullptr;
    std::string_view body;  // decoded, when it came with an encoding
    // The body parsed as JSON (so valid UTF-8) and shallow enough for any reader: written as
    // it is, on one line. false: written as a string.
    bool json = false;
    const schema::ValidationResult* result = nullptr;
    std::optional<std::size_t> repeat;  // nullopt: not counted (rejected before delivery)
    std::optional<int> status;          // nullopt: dropped without an answer
    std::string_view encoding;  // the request's Content-Encoding; empty: none
    std::string_view wire_body;  // with an encoding: the body as received
};

// The record as one line of JSON, ending in '\n'. Credentials in headers are masked.
std::string record_line(const DeliveryRecord& record);

// "2026-11-29T19:22:01.123Z"
std::string iso_time(std::chrono::system_clock::time_point time);
// The same in local time, as listen prints it: "2026-11-29 20:22:01.123"
std::string local_time(std::chrono::system_clock::time_point time);

// A header value as it may be shown or stored: Authorization and Proxy-Authorization values
// become "Bearer ***", "Basic ***" (the scheme kept, the secret never).
std::string masked_header_value(std::string_view name, std::string_view value);

}  // namespace flowhook::output
