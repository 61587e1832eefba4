#include <string>

#include "output/reporters.hpp"
#include "util/terminal.hpp"

namespace flowhook::output {
namespace {

using util::paint;
using util::Style;

class TextReporter : public Reporter {
public:
    TextReporter(std::FILE* out, const ReportOptions& options) : m_out(out), m_options(options) {}

    void payload(const PayloadOutcome& outcome) override {
        const schema::ValidationResult& result = *outcome.result;
        bool valid = result.valid();
        if (m_options.quiet && valid) return;
        // Appends straight into the output block: a valid payload costs no allocation.
        std::string& text = m_out.text();
        bool warned = result.count(schema::Severity::warning) > 0;
        if (!valid)
            append_painted(text, "FAIL", Style::red);
        else if (warned)
            append_painted(text, "warn", Style::yellow);
        else
            append_painted(text, "ok  ", Style::green);
        text += "  ";
        outcome.append_location(text);
        if (result.action) {
            text += "  ";
            append_action_label(text, result);
        }
        text += '\n';
        for (std::size_t i = 0; i < result.findings.size(); ++i)
            append_finding(result.findings[i], outcome, outcome.positions[i]);
        m_out.maybe_flush();
    }

    void finish(const Totals& totals) override {
        if (!m_options.quiet) {
            std::string& text = m_out.text();
            text += std::to_string(totals.payloads) + (totals.payloads == 1 ? " payload" : " payloads");
            text += " in " + std::to_string(totals.sources) + (totals.sources == 1 ? " source" : " sources");
            text += ": " + paint(std::to_string(totals.valid) + " valid", Style::green,
                                 m_options.colour && totals.valid);
            text += ", " + paint(std::to_string(totals.invalid) + " invalid", Style::red,
                                 m_options.colour && totals.invalid);
            text += " (" + std::to_string(totals.errors) + " errors, " +
                    std::to_string(totals.warnings) + " warnings)";
            if (totals.unreadable) text += ", " + std::to_string(totals.unreadable) + " unreadable";
            text += '\n';
        }
        m_out.flush();
    }

private:
    void append_painted(std::string& text, std::string_view word, Style style) const {
        if (m_options.colour)
            text += paint(word, style, true);
        else
            text += word;
    }

    void append_finding(const schema::Finding& finding, const PayloadOutcome& outcome,
                        const schema::TextPosition& at) {
        bool error = finding.severity == schema::Severity::error;
        std::string& text = m_out.text();
        text += "      ";
        text += outcome.source;
        text += ':';
        append_number(text, at.line);
        text += ':';
        append_number(text, at.column);
        text += ": ";
        append_painted(text, schema::severity_name(finding.severity),
                       error ? Style::red : Style::yellow);
        text += ": ";
        text += finding.message;
        std::string code = " [";
        code += schema::code_name(finding.code);
        code += ']';
        append_painted(text, code, Style::dim);
        text += '\n';
    }

    OutputBuffer m_out;
    ReportOptions m_options;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, const ReportOptions& options) {
    return std::make_unique<TextReporter>(out, options);
}

std::string action_label(const schema::ValidationResult& result) {
    std::string label;
    append_action_label(label, result);
    return label;
}

void append_action_label(std::string& out, const schema::ValidationResult& result) {
    if (!result.action) return;
    out += result.action->spelling;
    if (!result.action->is_alias()) return;
    out += " (alias of ";
    out += result.action->spec->name;
    out += ')';
}

}  // namespace flowhook::output
