#pragma once
// Renderers for validation reports: text for people, json, github workflow commands,
// JUnit XML and SARIF 2.1.0 for CI dashboards. They print; the schema module does not.

#include <cstddef>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/payload_reader.hpp"
#include "schema/validator.hpp"

namespace flowhook::output {

enum class ReportFormat { text, json, github, junit, sarif };

// The format named `name`, or nullopt.
std::optional<ReportFormat> parse_report_format(std::string_view name);
inline constexpr std::string_view k_report_format_names[] = {"text", "json", "github", "junit",
                                                             "sarif"};

// One validated payload and where it came from.
struct PayloadOutcome {
    std::string_view source;           // the path as given, or "-" for stdin
    std::size_t line = 1;              // line of the file on which the payload starts
    std::optional<std::size_t> index;  // position in a JSON array file
    bool whole_file = false;           // the file holds this payload alone
    const schema::ValidationResult* result = nullptr;
    std::vector<schema::TextPosition> positions;  // of each finding, parallel to findings

    // "file", "file:12" (NDJSON) or "file[3]" (array item).
    std::string location() const;
    // The same, appended to `out` (no allocation once `out` has grown: the per-payload path).
    void append_location(std::string& out) const;
};

// Calls show(finding, position) for each finding a report shows: every one, or with `quiet`
// the errors only.
template <typename Show>
void for_each_shown_finding(const PayloadOutcome& outcome, bool quiet, Show show) {
    const auto& findings = outcome.result->findings;
    for (std::size_t i = 0; i < findings.size(); ++i)
        if (!quiet || findings[i].severity == schema::Severity::error)
            show(findings[i], outcome.positions[i]);
}

// Appends `n` in decimal.
void append_number(std::string& out, std::size_t n);

struct Totals {
    std::size_t sources = 0;
    std::size_t payloads = 0;
    std::size_t valid = 0;
    std::size_t invalid = 0;
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t unreadable = 0;  // paths that could not be read

    void add(const schema::ValidationResult& result);
};

struct ReportOptions {
    bool quiet = false;   // only failures
    bool colour = false;  // ANSI colour (text only)
};

// Receives payload outcomes in order and renders them to `out`.
class Reporter {
public:
    virtual ~Reporter() = default;
    virtual void payload(const PayloadOutcome& outcome) = 0;
    // Called once after the last payload.
    virtual void finish(const Totals& totals) = 0;
};

std::unique_ptr<Reporter> make_reporter(ReportFormat format, std::FILE* out,
                                        const ReportOptions& options);

}  // namespace flowhook::output
