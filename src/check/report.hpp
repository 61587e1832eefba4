#pragma once
// What flowhook check prints: every verdict and a summary, as text for a person, JSON for
// scripts, JUnit XML (one test case per check) or GitHub workflow annotations; and --list.

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "check/checks.hpp"

namespace flowhook::check {

struct Summary {
    std::size_t checks = 0, passed = 0, warned = 0, failed = 0, skipped = 0;
    std::size_t must_failed = 0;  // decides the exit code
    bool interrupted = false;     // the checks not run are not in the report
    http::Latency elapsed{0};
};

Summary summarize(const std::vector<Verdict>& verdicts);

// Every report format, the names --format takes.
inline constexpr std::string_view k_formats[] = {"text", "json", "junit", "github"};

// Prints `verdicts` in `format` (one of k_formats) to `out`.
void render(std::string_view format, std::FILE* out, const std::string& url,
            const std::vector<Verdict>& verdicts, const Summary& summary, bool colour);

// One line per check: its name, its level, what it checks.
void list_checks(std::FILE* out, const std::vector<Check>& checks);

}  // namespace flowhook::check
