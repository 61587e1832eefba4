#include "output/delivery_record.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "output/json_writer.hpp"
#include "util/base64.hpp"
#include "util/text.hpp"

namespace flowhook::output {
namespace {

using util::iequals;

void write_text(JsonWriter& w, std::string_view text) {
    if (util::is_valid_utf8(text))
        write_string(w, text);
    else
        write_string(w, util::to_valid_utf8(text));
}

void write_headers(JsonWriter& w, const HeaderList* headers) {
    w.StartArray();
    if (headers) {
        for (const auto& [name, value] : *headers) {
            w.StartArray();
            write_text(w, name);
            write_text(w, masked_header_value(name, value));
            w.EndArray();
        }
    }
    w.EndArray();
}

void write_body(JsonWriter& w, const DeliveryRecord& record) {
    write_key(w, "body");
    if (record.parsed)
        record.parsed->Accept(w);
    else
        write_text(w, record.body);
    if (util::is_valid_utf8(record.body)) {
        write_key(w, "raw");
        write_string(w, record.body);
    } else {
        write_key(w, "raw_base64");
        write_string(w, util::base64_encode(record.body));
    }
}

void write_verdict(JsonWriter& w, const schema::ValidationResult* result) {
    write_key(w, "action");
    if (result && result->action)
        write_string(w, result->action->spec->name);
    else
        w.Null();
    write_key(w, "spelling");
    if (result && result->action)
        write_string(w, result->action->spelling);
    else
        w.Null();
    write_key(w, "valid");
    w.Bool(result && result->valid());
    write_key(w, "findings");
    w.StartArray();
    if (result) {
        for (const schema::Finding& finding : result->findings) {
            w.StartObject();
            write_finding_members(w, finding);
            w.EndObject();
        }
    }
    w.EndArray();
}

}  // namespace

std::string iso_time(std::chrono::system_clock::time_point time) {
    using namespace std::chrono;
    auto millis = duration_cast<milliseconds>(time.time_since_epoch()).count() % 1000;
    std::time_t seconds = system_clock::to_time_t(time);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[40];
    std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
    return text;
}

std::string masked_header_value(std::string_view name, std::string_view value) {
    if (!iequals(name, "Authorization") && !iequals(name, "Proxy-Authorization"))
        return std::string(value);
    std::size_t space = value.find(' ');
    if (space == std::string_view::npos) return "***";
    return std::string(value.substr(0, space)) + " ***";
}

std::string record_line(const DeliveryRecord& record) {
    std::string text;
    StringSink sink{&text};
    JsonWriter w(sink);
    w.StartObject();
    write_key(w, "received");
    write_string(w, iso_time(record.received));
    write_key(w, "method");
    write_text(w, record.method);
    write_key(w, "path");
    write_text(w, record.path);
    write_key(w, "remote");
    write_text(w, record.remote);
    write_key(w, "headers");
    write_headers(w, record.headers);
    write_body(w, record);
    write_verdict(w, record.result);
    write_key(w, "repeat");
    if (record.repeat)
        w.Uint64(*record.repeat);
    else
        w.Null();
    write_key(w, "status");
    if (record.status)
        w.Int(*record.status);
    else
        w.Null();
    w.EndObject();
    text += '\n';
    return text;
}

}  // namespace flowhook::output
