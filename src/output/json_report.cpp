#include "output/json_writer.hpp"
#include "output/reporters.hpp"

namespace flowhook::output {
namespace {

void write_finding(JsonWriter& w, const schema::Finding& finding, const schema::TextPosition& at) {
    w.StartObject();
    write_finding_members(w, finding);
    write_key(w, "line");
    w.Uint64(at.line);
    write_key(w, "column");
    w.Uint64(at.column);
    w.EndObject();
}

class JsonReporter : public Reporter {
public:
    JsonReporter(std::FILE* out, const ReportOptions& options) : m_out(out), m_options(options) {
        m_out.text() += "{\"tool\":\"flowhook\",\"version\":\"" FLOWHOOK_VERSION "\",\"payloads\":[";
    }

    void payload(const PayloadOutcome& outcome) override {
        const schema::ValidationResult& result = *outcome.result;
        if (m_options.quiet && result.valid()) return;
        std::string& text = m_out.text();
        text += m_first ? "\n" : ",\n";
        m_first = false;
        m_sink.text = &text;
        JsonWriter& w = m_writer;  // reused: a new writer allocates its stack
        w.Reset(m_sink);
        w.StartObject();
        write_key(w, "source");
        write_string(w, outcome.source);
        write_key(w, "location");
        m_location.clear();  // reused: a valid payload costs no allocation
        outcome.append_location(m_location);
        write_string(w, m_location);
        write_key(w, "line");
        w.Uint64(outcome.line);
        write_key(w, "index");
        if (outcome.index) w.Uint64(*outcome.index); else w.Null();
        write_key(w, "action");
        if (result.action) write_string(w, result.action->spec->name); else w.Null();
        write_key(w, "spelling");
        if (result.action) write_string(w, result.action->spelling); else w.Null();
        write_key(w, "valid");
        w.Bool(result.valid());
        write_key(w, "findings");
        w.StartArray();
        for (std::size_t i = 0; i < result.findings.size(); ++i)
            write_finding(w, result.findings[i], outcome.positions[i]);
        w.EndArray();
        w.EndObject();
        m_out.maybe_flush();
    }

    void finish(const Totals& totals) override {
        std::string& text = m_out.text();
        text += "\n],\"totals\":";
        StringSink sink{&text};
        JsonWriter w(sink);
        w.StartObject();
        for (auto [key, count] : {std::pair{"sources", totals.sources},
                                  {"payloads", totals.payloads},
                                  {"valid", totals.valid},
                                  {"invalid", totals.invalid},
                                  {"errors", totals.errors},
                                  {"warnings", totals.warnings},
                                  {"unreadable", totals.unreadable}}) {
            write_key(w, key);
            w.Uint64(count);
        }
        w.EndObject();
        text += "}\n";
        m_out.flush();
    }

private:
    OutputBuffer m_out;
    ReportOptions m_options;
    bool m_first = true;
    std::string m_location;
    StringSink m_sink{nullptr};
    JsonWriter m_writer{m_sink};
};

}  // namespace

void write_finding_members(JsonWriter& w, const schema::Finding& finding) {
    write_key(w, "severity");
    write_string(w, schema::severity_name(finding.severity));
    write_key(w, "code");
    write_string(w, schema::code_name(finding.code));
    write_key(w, "pointer");
    write_string(w, finding.pointer);
    write_key(w, "message");
    write_string(w, finding.message);
}

std::unique_ptr<Reporter> make_json_reporter(std::FILE* out, const ReportOptions& options) {
    return std::make_unique<JsonReporter>(out, options);
}

}  // namespace flowhook::output
