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

// `line` is the string `w` writes to.
void write_body(JsonWriter& w, std::string& line, const DeliveryRecord& record) {
    // The body's bytes go straight into the line, not through the writer: re-serialising the
    // parsed document and escaping the raw copy a character at a time were a third of the work
    // of a delivery of 1 MB.
    write_key(w, "body");
    if (record.json) {
        write_raw_value_prefix(w, rapidjson::kObjectType);
        append_json_on_one_line(line, record.body);
    } else {
        write_text(w, record.body);
    }
    // raw is what arrived on the wire, so that send --replay sends the same bytes again.
    std::string_view raw = record.encoding.empty() ? record.body : record.wire_body;
    if (util::is_valid_utf8(raw)) {
        write_key(w, "raw");
        write_raw_value_prefix(w, rapidjson::kStringType);
        append_json_string(line, raw);
    } else {
        write_key(w, "raw_base64");
        write_string(w, util::base64_encode(raw));
    }
    if (!record.encoding.empty()) {
        write_key(w, "encoding");
        write_text(w, record.encoding);
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

// "2026-11-29T19:22:01.123Z" (utc) or "2026-11-29 20:22:01.123" (local). Turning seconds into a date
// (gmtime, localtime, strftime) cost more than the rest of a delivery's record; a listener
// under load formats the same second again and again, so each thread keeps its last one.
std::string format_time(std::chrono::system_clock::time_point time, bool utc) {
    using namespace std::chrono;
    auto since_epoch = duration_cast<milliseconds>(time.time_since_epoch()).count();
    auto seconds = static_cast<std::time_t>(since_epoch / 1000);
    int millis = static_cast<int>(since_epoch % 1000);
    if (millis < 0) {
        millis += 1000;
        --seconds;
    }
    struct Cached {
        std::time_t seconds = -1;
        char text[32] = "";
    };
    thread_local Cached cached[2];  // [utc]
    Cached& last = cached[utc ? 1 : 0];
    if (last.seconds != seconds) {
        std::tm fields{};
        if (utc)
            ::gmtime_r(&seconds, &fields);
        else
            ::localtime_r(&seconds, &fields);
        std::strftime(last.text, sizeof last.text, utc ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &fields);
        last.seconds = seconds;
    }
    std::string text(last.text);
    text += '.';
    text += static_cast<char>('0' + millis / 100);
    text += static_cast<char>('0' + millis / 10 % 10);
    text += static_cast<char>('0' + millis % 10);
    if (utc) text += 'Z';
    return text;
}

}  // namespace

std::string iso_time(std::chrono::system_clock::time_point time) { return format_time(time, true); }

std::string local_time(std::chrono::system_clock::time_point time) { return format_time(time, false); }

std::string masked_header_value(std::string_view name, std::string_view value) {
    if (!iequals(name, "Authorization") && !iequals(name, "Proxy-Authorization"))
        return std::string(value);
    std::size_t space = value.find(' ');
    if (space == std::string_view::npos) return "***";
    return std::string(value.substr(0, space)) + " ***";
}

std::string record_line(const DeliveryRecord& record) {
    // Room for the whole line at once: the body appears twice (parsed and raw), a few escapes.
    std::size_t room = 320 + 2 * record.body.size() + record.path.size() + record.body.size() / 4 +
                       record.wire_body.size() * 4 / 3;
    if (record.headers)
        for (const auto& [name, value] : *record.headers) room += name.size() + value.size() + 8;
    std::string text;
    text.reserve(room);
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
    write_body(w, text, record);
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
