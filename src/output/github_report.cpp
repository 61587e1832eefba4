#include "output/escape.hpp"
#include "output/reporters.hpp"

namespace flowhook::output {

std::string github_escape(std::string_view text, bool property) {
    std::string out;
    for (char c : text) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

namespace {

// GitHub Actions workflow commands: one ::error or ::warning annotation per finding.
class GithubReporter : public Reporter {
public:
    GithubReporter(std::FILE* out, const ReportOptions& options) : m_out(out), m_options(options) {}

    void payload(const PayloadOutcome& outcome) override {
        for_each_shown_finding(outcome, m_options.quiet, [&](const schema::Finding& f,
                                                             const schema::TextPosition& at) {
            std::string& text = m_out.text();
            text += f.severity == schema::Severity::error ? "::error " : "::warning ";
            text += "file=" + github_escape(outcome.source, true);
            text += ",line=" + std::to_string(at.line);
            text += ",col=" + std::to_string(at.column);
            text += ",title=" + github_escape("flowhook " + std::string(schema::code_name(f.code)), true);
            text += "::" + github_escape(outcome.location() + ": " + f.message, false) + "\n";
        });
        m_out.maybe_flush();
    }

    void finish(const Totals& totals) override {
        if (!m_options.quiet)
            m_out.text() += "flowhook: " + std::to_string(totals.payloads) + " payloads, " +
                            std::to_string(totals.invalid) + " invalid\n";
        m_out.flush();
    }

private:
    OutputBuffer m_out;
    ReportOptions m_options;
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter(std::FILE* out, const ReportOptions& options) {
    return std::make_unique<GithubReporter>(out, options);
}

}  // namespace flowhook::output
