#include "send/report.hpp"

#include <algorithm>
#include <cmath>

#include "delivery/attempt_text.hpp"
#include "delivery/request.hpp"
#include "output/delivery_record.hpp"
#include "output/json_writer.hpp"
#include "util/terminal.hpp"
#include "util/text.hpp"

namespace flowhook::send {
namespace {

using delivery::milliseconds;

constexpr std::size_t k_json_body_bytes = 256;  // in an attempt record

std::string_view outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::delivered:
            return "delivered";
        case Outcome::failed:
            return "failed";
        case Outcome::gave_up:
            return "gave_up";
        case Outcome::invalid:
            return "invalid";
        case Outcome::interrupted:
            return "interrupted";
    }
    return "";
}

}  // namespace

std::string delivery_label(const Delivery& delivery) {
    return delivery.action.empty() ? delivery.name : delivery.name + "  " + delivery.action;
}

std::string terminal_label(const Delivery& delivery) {
    std::string_view name = delivery.name;
    bool named = name.size() > delivery.action.size() &&
                 name.substr(name.size() - delivery.action.size()) == delivery.action &&
                 name[name.size() - delivery.action.size() - 1] == ' ';
    return named || delivery.action.empty() ? delivery.name : delivery_label(delivery);
}

namespace {

class TextSendReporter : public SendReporter {
public:
    // `width`: on a terminal, the columns a line fits in (the action named once, the answer's
    // snippet cut to fit); nullopt elsewhere: every byte as it always was.
    TextSendReporter(std::FILE* out, bool quiet, bool colour, std::optional<std::size_t> width)
        : m_out(out), m_quiet(quiet), m_colour(colour), m_width(width) {}

    void request(const Delivery& delivery, const http::Url& url,
                 const http::Headers& headers) override {
        std::fprintf(m_out, "# %s\n%s\n\n", delivery_label(delivery).c_str(),
                     delivery::render_request(url, headers, delivery.body).c_str());
    }

    void attempt(const AttemptEvent& e) override {
        if (m_quiet) return;
        std::string head = label(e.delivery) + "  attempt " + std::to_string(e.number) + ": ";
        std::string tail = e.retry_in ? "; retry in " + util::format_duration(*e.retry_in) : "";
        std::string line = head + describe_attempt(e.attempt, delivery::k_snippet_bytes, room(head + tail)) + tail;
        std::fprintf(m_out, "%s\n", line.c_str());
        std::fflush(m_out);
    }

    void outcome(const OutcomeEvent& e) override {
        if (m_quiet && e.outcome == Outcome::delivered) return;
        std::fprintf(m_out, "%s  %s\n", label(e.delivery).c_str(), describe(e).c_str());
        std::fflush(m_out);
    }

    void summary(const Summary& s) override {
        double seconds = milliseconds(s.elapsed) / 1000.0;
        std::fprintf(m_out, "\n%zu payload%s: %zu delivered, %zu failed, %zu gave up, %zu invalid",
                     s.payloads, s.payloads == 1 ? "" : "s", s.delivered, s.failed, s.gave_up,
                     s.invalid);
        if (s.interrupted) std::fprintf(m_out, ", %zu not delivered (interrupted)", s.interrupted);
        std::fprintf(m_out, "\n%zu attempt%s in %s (%.1f/s)\n", s.attempts,
                     s.attempts == 1 ? "" : "s", format_latency(s.elapsed).c_str(),
                     seconds > 0 ? static_cast<double>(s.attempts) / seconds : 0.0);
        if (auto stats = latency_stats(s.latencies))
            std::fprintf(m_out, "latency: min %s  p50 %s  p90 %s  p99 %s  max %s\n",
                         format_latency(stats->min).c_str(), format_latency(stats->p50).c_str(),
                         format_latency(stats->p90).c_str(), format_latency(stats->p99).c_str(),
                         format_latency(stats->max).c_str());
        std::fflush(m_out);
    }

private:
    std::string label(const Delivery& delivery) const {
        return m_width ? terminal_label(delivery) : delivery_label(delivery);
    }

    // Columns left for an attempt's description on a line that has `rest` besides.
    std::optional<std::size_t> room(const std::string& rest) const {
        if (!m_width) return std::nullopt;
        std::size_t used = util::text_columns(rest);
        return *m_width > used ? *m_width - used : 0;
    }

    std::string describe(const OutcomeEvent& e) const {
        std::string attempts =
            std::to_string(e.attempts) + (e.attempts == 1 ? " attempt" : " attempts");
        // The texts around the last attempt, to know the room its snippet has on a terminal.
        std::string before = label(e.delivery) + "  " +
                             (e.outcome == Outcome::failed ? "failed: " : "gave up after " + attempts + "; last: ");
        std::string after = e.outcome == Outcome::failed ? "; 4xx is never retried" : "";
        std::string last = e.last ? describe_attempt(*e.last, delivery::k_snippet_bytes, room(before + after)) : "";
        switch (e.outcome) {
            case Outcome::delivered:
                return util::paint("delivered", util::Style::green, m_colour) + " after " +
                       attempts;
            case Outcome::failed:
                return util::paint("failed", util::Style::red, m_colour) + ": " + last +
                       "; 4xx is never retried";
            case Outcome::gave_up:
                return util::paint("gave up", util::Style::red, m_colour) + " after " + attempts +
                       "; last: " + last;
            case Outcome::invalid: {
                std::string text =
                    util::paint("not sent", util::Style::yellow, m_colour) + ": invalid payload";
                for (const std::string& problem : e.delivery.problems) text += "\n    " + problem;
                return text;
            }
            case Outcome::interrupted:
                return util::paint("not delivered", util::Style::yellow, m_colour) +
                       ": interrupted after " + attempts;
        }
        return "";
    }

    std::FILE* m_out;
    bool m_quiet;
    bool m_colour;
    std::optional<std::size_t> m_width;
};

class JsonSendReporter : public SendReporter {
public:
    JsonSendReporter(std::FILE* out, bool quiet) : m_out(out), m_quiet(quiet) {}

    void request(const Delivery& delivery, const http::Url& url,
                 const http::Headers& headers) override {
        auto& w = start("request", delivery);
        output::write_key(w, "url");
        output::write_string(w, url.origin() + url.target);
        output::write_key(w, "headers");
        w.StartArray();
        for (const auto& [name, value] : headers) {
            w.StartArray();
            output::write_string(w, name);
            output::write_string(w, output::masked_header_value(name, value));
            w.EndArray();
        }
        w.EndArray();
        output::write_key(w, "body");
        output::write_string(w, util::to_valid_utf8(delivery.body));
        end(w);
    }

    void attempt(const AttemptEvent& e) override {
        if (m_quiet) return;
        auto& w = start("attempt", e.delivery);
        w.Key("attempt");
        w.Int(e.number);
        write_attempt(w, e.attempt);
        w.Key("retry_in_ms");
        e.retry_in ? w.Int64(e.retry_in->count()) : w.Null();
        end(w);
    }

    void outcome(const OutcomeEvent& e) override {
        if (m_quiet && e.outcome == Outcome::delivered) return;
        auto& w = start("outcome", e.delivery);
        output::write_key(w, "outcome");
        output::write_string(w, outcome_name(e.outcome));
        w.Key("attempts");
        w.Int(e.attempts);
        if (e.last) write_attempt(w, *e.last);
        w.Key("problems");
        w.StartArray();
        for (const std::string& problem : e.delivery.problems) output::write_string(w, problem);
        w.EndArray();
        end(w);
    }

    void summary(const Summary& s) override;

private:
    // Starts the record of one line; RapidJSON writers cannot be copied, so one is reused.
    output::JsonWriter& start(const char* type, const Delivery& delivery) {
        output::JsonWriter& w = start_line();
        w.StartObject();
        w.Key("type");
        w.String(type);
        w.Key("payload");
        output::write_string(w, delivery.name);
        w.Key("action");
        write_nullable(w, delivery.action.empty() ? nullptr : &delivery.action);
        return w;
    }

    output::JsonWriter& start_line() {
        m_line.clear();
        m_writer.Reset(m_sink);
        return m_writer;
    }

    static void write_nullable(output::JsonWriter& w, const std::string* text) {
        if (text)
            output::write_string(w, *text);
        else
            w.Null();
    }

    void end(output::JsonWriter& w) {
        w.EndObject();
        m_line += '\n';
        std::fwrite(m_line.data(), 1, m_line.size(), m_out);
        std::fflush(m_out);
    }

    static void write_attempt(output::JsonWriter& w, const http::Attempt& a) {
        w.Key("status");
        a.answer ? w.Int(a.answer->status) : w.Null();
        w.Key("error");
        std::string kind = a.failure ? std::string(http::failure_name(a.failure->kind)) : "";
        write_nullable(w, a.failure ? &kind : nullptr);
        w.Key("detail");
        write_nullable(w, a.failure ? &a.failure->detail : nullptr);
        w.Key("latency_ms");
        w.Double(milliseconds(a.latency));
        w.Key("body");
        std::string body =
            a.answer ? util::to_valid_utf8(a.answer->body_start, k_json_body_bytes) : "";
        write_nullable(w, a.answer ? &body : nullptr);
        w.Key("body_bytes");
        w.Uint64(a.answer ? a.answer->body_size : 0);
        w.Key("location");
        write_nullable(w, a.answer && !a.answer->location.empty() ? &a.answer->location : nullptr);
    }

    std::FILE* m_out;
    bool m_quiet;
    std::string m_line;
    output::StringSink m_sink{&m_line};
    output::JsonWriter m_writer{m_sink};
};

void JsonSendReporter::summary(const Summary& s) {
    output::JsonWriter& w = start_line();
    w.StartObject();
    w.Key("type");
    w.String("summary");
    for (auto [key, value] : {std::pair{"payloads", s.payloads},
                              {"delivered", s.delivered},
                              {"failed", s.failed},
                              {"gave_up", s.gave_up},
                              {"invalid", s.invalid},
                              {"interrupted", s.interrupted},
                              {"attempts", s.attempts}}) {
        w.Key(key);
        w.Uint64(value);
    }
    double seconds = milliseconds(s.elapsed) / 1000.0;
    w.Key("elapsed_ms");
    w.Double(milliseconds(s.elapsed));
    w.Key("attempts_per_second");
    w.Double(seconds > 0 ? static_cast<double>(s.attempts) / seconds : 0.0);
    w.Key("latency_ms");
    if (auto stats = latency_stats(s.latencies)) {
        w.StartObject();
        for (auto [key, value] : {std::pair{"min", stats->min},
                                  {"p50", stats->p50},
                                  {"p90", stats->p90},
                                  {"p99", stats->p99},
                                  {"max", stats->max}}) {
            w.Key(key);
            w.Double(milliseconds(value));
        }
        w.EndObject();
    } else {
        w.Null();
    }
    w.Key("slow");
    w.StartArray();
    for (const SlowAnswer& slow : s.slow) {
        w.StartObject();
        w.Key("payload");
        output::write_string(w, slow.payload);
        w.Key("attempt");
        w.Int(slow.attempt);
        w.Key("latency_ms");
        w.Double(milliseconds(slow.latency));
        w.EndObject();
    }
    w.EndArray();
    w.Key("was_interrupted");
    w.Bool(s.was_interrupted);
    end(w);
}

}  // namespace

std::unique_ptr<SendReporter> make_send_reporter(const std::string& format, std::FILE* out,
                                                 bool quiet, bool colour) {
    if (format == "json" || format == "ndjson")
        return std::make_unique<JsonSendReporter>(out, quiet);
    std::optional<std::size_t> width;
    if (util::is_terminal(out)) width = util::terminal_width(out);
    return std::make_unique<TextSendReporter>(out, quiet, colour, width);
}

}  // namespace flowhook::send
