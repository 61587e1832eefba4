#include "output/report.hpp"

#include "output/reporters.hpp"

#include <charconv>

namespace flowhook::output {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    for (std::size_t i = 0; i < std::size(k_report_format_names); ++i)
        if (k_report_format_names[i] == name) return static_cast<ReportFormat>(i);
    return std::nullopt;
}

std::string PayloadOutcome::location() const {
    std::string text;
    append_location(text);
    return text;
}

void PayloadOutcome::append_location(std::string& out) const {
    out += source;
    if (index) {
        out += '[';
        append_number(out, *index);
        out += ']';
    } else if (!whole_file) {
        out += ':';
        append_number(out, line);
    }
}

void append_number(std::string& out, std::size_t n) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
}

void Totals::add(const schema::ValidationResult& result) {
    ++payloads;
    if (result.valid())
        ++valid;
    else
        ++invalid;
    errors += result.count(schema::Severity::error);
    warnings += result.count(schema::Severity::warning);
}

std::unique_ptr<Reporter> make_reporter(ReportFormat format, std::FILE* out,
                                        const ReportOptions& options) {
    switch (format) {
        case ReportFormat::json: return make_json_reporter(out, options);
        case ReportFormat::github: return make_github_reporter(out, options);
        case ReportFormat::junit: return make_junit_reporter(out, options);
        case ReportFormat::sarif: return make_sarif_reporter(out, options);
        case ReportFormat::text: break;
    }
    return make_text_reporter(out, options);
}

OutputBuffer::~OutputBuffer() { flush(); }

void OutputBuffer::flush() {
    if (!m_text.empty()) std::fwrite(m_text.data(), 1, m_text.size(), m_out);
    m_text.clear();
    std::fflush(m_out);
}

void OutputBuffer::maybe_flush() {
    if (m_text.size() >= k_flush_at) {
        std::fwrite(m_text.data(), 1, m_text.size(), m_out);
        m_text.clear();
    }
}

}  // namespace flowhook::output
