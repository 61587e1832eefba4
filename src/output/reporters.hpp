#pragma once
// Internals shared by the report renderers.

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "output/report.hpp"

namespace flowhook::output {

// Collects output and writes it in large blocks: millions of payloads, few syscalls.
class OutputBuffer {
public:
    explicit OutputBuffer(std::FILE* out) : m_out(out) {}
    ~OutputBuffer();
    OutputBuffer(const OutputBuffer&) = delete;
    OutputBuffer& operator=(const OutputBuffer&) = delete;

    std::string& text() { return m_text; }
    // Writes the block once it is large enough.
    void maybe_flush();
    // Writes everything now.
    void flush();

private:
    static constexpr std::size_t k_flush_at = 64 * 1024;
    std::FILE* m_out;
    std::string m_text;
};

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, const ReportOptions& options);
std::unique_ptr<Reporter> make_json_reporter(std::FILE* out, const ReportOptions& options);
std::unique_ptr<Reporter> make_github_reporter(std::FILE* out, const ReportOptions& options);
std::unique_ptr<Reporter> make_junit_reporter(std::FILE* out, const ReportOptions& options);
std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, const ReportOptions& options);

// "ORDER_SETTLED", or "PRODUCT_MEDIA_CHANGED (alias of PRODUCT_MEDIA_CHANGE)", or "".
std::string action_label(const schema::ValidationResult& result);
// The same, appended to `out`.
void append_action_label(std::string& out, const schema::ValidationResult& result);

}  // namespace flowhook::output
