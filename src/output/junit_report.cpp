#include "output/escape.hpp"
#include "output/reporters.hpp"

namespace flowhook::output {

void append_xml_escaped(std::string& out, std::string_view text) {
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
}

namespace {

// "file:line:column: code: message" for each finding of `severity`, escaped.
void append_finding_lines(std::string& out, const PayloadOutcome& outcome,
                          schema::Severity severity) {
    const auto& findings = outcome.result->findings;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (findings[i].severity != severity) continue;
        std::string line = std::string(outcome.source) + ":" +
                           std::to_string(outcome.positions[i].line) + ":" +
                           std::to_string(outcome.positions[i].column) + ": " +
                           std::string(schema::code_name(findings[i].code)) + ": " +
                           findings[i].message + "\n";
        append_xml_escaped(out, line);
    }
}

const schema::Finding& first_error(const schema::ValidationResult& result) {
    for (const schema::Finding& f : result.findings)
        if (f.severity == schema::Severity::error) return f;
    return result.findings.front();
}

// JUnit XML: one test case per payload. The suite's counts come first in the file, so the
// test cases wait in a temporary file until the end: memory stays flat over a million payloads.
class JunitReporter : public Reporter {
public:
    JunitReporter(std::FILE* out, const ReportOptions& options)
        : m_file(out), m_out(out), m_options(options), m_spool(std::tmpfile()) {}
    ~JunitReporter() override {
        if (m_spool) std::fclose(m_spool);
    }
    JunitReporter(const JunitReporter&) = delete;
    JunitReporter& operator=(const JunitReporter&) = delete;

    void payload(const PayloadOutcome& outcome) override {
        const schema::ValidationResult& result = *outcome.result;
        if (m_options.quiet && result.valid()) return;
        ++m_cases;
        // Appends straight into the spool block: a valid payload costs no allocation.
        m_case += "    <testcase classname=\"";
        append_xml_escaped(m_case, outcome.source);
        m_case += "\" name=\"";
        m_location.clear();
        outcome.append_location(m_location);
        if (result.action) {
            m_location += ' ';
            append_action_label(m_location, result);
        }
        append_xml_escaped(m_case, m_location);
        m_case += '"';
        if (result.findings.empty()) {
            m_case += "/>\n";
        } else {
            m_case += ">\n";
            if (!result.valid()) {
                const schema::Finding& first = first_error(result);
                m_case += "      <failure type=\"";
                m_case += schema::code_name(first.code);
                m_case += "\" message=\"";
                append_xml_escaped(m_case, first.message);
                m_case += "\">";
                append_finding_lines(m_case, outcome, schema::Severity::error);
                m_case += "</failure>\n";
            }
            if (result.count(schema::Severity::warning)) {
                m_case += "      <system-out>";
                append_finding_lines(m_case, outcome, schema::Severity::warning);
                m_case += "</system-out>\n";
            }
            m_case += "    </testcase>\n";
        }
        if (m_spool && m_case.size() >= k_spool_at) spool();
    }

    void finish(const Totals& totals) override {
        std::string counts = "tests=\"" + std::to_string(m_cases) + "\" failures=\"" +
                             std::to_string(totals.invalid) + "\" errors=\"0\" skipped=\"0\"";
        std::string& text = m_out.text();
        text += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        text += "<testsuites name=\"flowhook validate\" " + counts + ">\n";
        text += "  <testsuite name=\"flowhook validate\" " + counts + ">\n";
        m_out.flush();
        copy_spool();
        text += m_case;
        text += "  </testsuite>\n</testsuites>\n";
        m_out.flush();
    }

private:
    static constexpr std::size_t k_spool_at = 64 * 1024;

    void spool() {
        if (std::fwrite(m_case.data(), 1, m_case.size(), m_spool) == m_case.size())
            m_case.clear();
    }

    void copy_spool() {
        if (!m_spool) return;
        std::rewind(m_spool);
        char block[64 * 1024];
        while (std::size_t n = std::fread(block, 1, sizeof block, m_spool))
            std::fwrite(block, 1, n, m_file);
    }

    std::FILE* m_file;
    OutputBuffer m_out;
    ReportOptions m_options;
    std::FILE* m_spool;  // the test cases written so far; nullptr keeps them in m_case
    std::size_t m_cases = 0;
    std::string m_case;  // test cases not yet spooled
    std::string m_location;
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter(std::FILE* out, const ReportOptions& options) {
    return std::make_unique<JunitReporter>(out, options);
}

}  // namespace flowhook::output
