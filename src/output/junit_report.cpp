#include "output/reporters.hpp"

namespace flowhook::output {
namespace {

std::string xml_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += '?';
                else out += c;
        }
    }
    return out;
}

std::string finding_lines(const PayloadOutcome& outcome, schema::Severity severity) {
    std::string lines;
    const auto& findings = outcome.result->findings;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (findings[i].severity != severity) continue;
        lines += std::string(outcome.source) + ":" + std::to_string(outcome.positions[i].line) +
                 ":" + std::to_string(outcome.positions[i].column) + ": " +
                 std::string(schema::code_name(findings[i].code)) + ": " + findings[i].message +
                 "\n";
    }
    return lines;
}

// JUnit XML: one test case per payload. The suite's counts come first in the file, so the
// test cases are kept until the end.
class JunitReporter : public Reporter {
public:
    JunitReporter(std::FILE* out, const ReportOptions& options) : m_out(out), m_options(options) {}

    void payload(const PayloadOutcome& outcome) override {
        const schema::ValidationResult& result = *outcome.result;
        if (m_options.quiet && result.valid()) return;
        ++m_cases;
        std::string name = outcome.location();
        if (std::string label = action_label(result); !label.empty()) name += " " + label;
        m_cases_xml += "    <testcase classname=\"" + xml_escape(outcome.source) + "\" name=\"" +
                       xml_escape(name) + "\"";
        std::string errors = finding_lines(outcome, schema::Severity::error);
        std::string warnings = finding_lines(outcome, schema::Severity::warning);
        if (errors.empty() && warnings.empty()) {
            m_cases_xml += "/>\n";
            return;
        }
        m_cases_xml += ">\n";
        if (!errors.empty()) {
            const schema::Finding& first = result.findings.front();
            m_cases_xml += "      <failure type=\"" + std::string(schema::code_name(first.code)) +
                           "\" message=\"" + xml_escape(first.message) + "\">" +
                           xml_escape(errors) + "</failure>\n";
        }
        if (!warnings.empty())
            m_cases_xml += "      <system-out>" + xml_escape(warnings) + "</system-out>\n";
        m_cases_xml += "    </testcase>\n";
    }

    void finish(const Totals& totals) override {
        std::string counts = "tests=\"" + std::to_string(m_cases) + "\" failures=\"" +
                             std::to_string(totals.invalid) + "\" errors=\"0\" skipped=\"0\"";
        std::string& text = m_out.text();
        text += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        text += "<testsuites name=\"flowhook validate\" " + counts + ">\n";
        text += "  <testsuite name=\"flowhook validate\" " + counts + ">\n";
        text += m_cases_xml;
        text += "  </testsuite>\n</testsuites>\n";
        m_out.flush();
    }

private:
    OutputBuffer m_out;
    ReportOptions m_options;
    std::size_t m_cases = 0;
    std::string m_cases_xml;
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter(std::FILE* out, const ReportOptions& options) {
    return std::make_unique<JunitReporter>(out, options);
}

}  // namespace flowhook::output
