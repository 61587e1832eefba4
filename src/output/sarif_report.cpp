#include "output/json_writer.hpp"
#include "output/reporters.hpp"

namespace flowhook::output {
namespace {

constexpr schema::Code k_all_codes[] = {
    schema::Code::invalid_json,    schema::Code::not_an_object, schema::Code::missing_field,
    schema::Code::wrong_type,      schema::Code::out_of_range,  schema::Code::empty_value,
    schema::Code::invalid_date,    schema::Code::unknown_action, schema::Code::action_mismatch,
    schema::Code::duplicate_field, schema::Code::unknown_field};

// SARIF 2.1.0: one run, a rule per finding code, a result per finding.
class SarifReporter : public Reporter {
public:
    SarifReporter(std::FILE* out, const ReportOptions& options) : m_out(out), m_options(options) {
        std::string& text = m_out.text();
        text += "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
                "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"flowhook\",\"version\":\"" FLOWHOOK_VERSION
                "\",\"rules\":[";
        for (std::size_t i = 0; i < std::size(k_all_codes); ++i) {
            if (i) text += ",";
            text += "{\"id\":\"" + std::string(schema::code_name(k_all_codes[i])) + "\"}";
        }
        text += "]}},\"results\":[";
    }

    void payload(const PayloadOutcome& outcome) override {
        for_each_shown_finding(outcome, m_options.quiet, [&](const schema::Finding& f,
                                                             const schema::TextPosition& at) {
            std::string& text = m_out.text();
            text += m_first ? "\n" : ",\n";
            m_first = false;
            StringSink sink{&text};
            JsonWriter w(sink);
            w.StartObject();
            write_key(w, "ruleId");
            write_string(w, schema::code_name(f.code));
            write_key(w, "level");
            write_string(w, schema::severity_name(f.severity));
            write_key(w, "message");
            w.StartObject();
            write_key(w, "text");
            write_string(w, outcome.location() + ": " + f.message);
            w.EndObject();
            write_key(w, "locations");
            w.StartArray();
            w.StartObject();
            write_key(w, "physicalLocation");
            w.StartObject();
            write_key(w, "artifactLocation");
            w.StartObject();
            write_key(w, "uri");
            write_string(w, outcome.source == "-" ? std::string_view("stdin") : outcome.source);
            w.EndObject();
            write_key(w, "region");
            w.StartObject();
            write_key(w, "startLine");
            w.Uint64(at.line);
            write_key(w, "startColumn");
            w.Uint64(at.column);
            w.EndObject();
            w.EndObject();
            w.EndObject();
            w.EndArray();
            w.EndObject();
        });
        m_out.maybe_flush();
    }

    void finish(const Totals&) override {
        m_out.text() += "\n]}]}\n";
        m_out.flush();
    }

private:
    OutputBuffer m_out;
    ReportOptions m_options;
    bool m_first = true;
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, const ReportOptions& options) {
    return std::make_unique<SarifReporter>(out, options);
}

}  // namespace flowhook::output
