#pragma once
// flowhook check: grades a webhook receiver against the platform's delivery contract. Named
// checks send real deliveries, one attempt each, and grade every answer by the platform's
// rules (a 5xx or a timeout is retried for nothing, a duplicate must not be acted on twice...).

#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/request_options.hpp"

namespace flowhook::check {

struct CheckOptions {
    std::string url;
    cli::RequestOptions request;  // credentials, headers, TLS, as send takes them
    std::string timeout = "10s";
    std::vector<std::string> only;
    std::vector<std::string> skip;
    bool list = false;
    std::string format = "text";
    std::string slow = "2s";
    int burst = 50;
    std::string probe_url;
    std::string probe;  // a shell command
    std::string from;   // a listen --record file
};

cli::Subcommand setup_check(CLI::App& app);

// Runs the selected checks and prints the report. Returns 0 when every MUST passed, 1 when one
// failed, 130 when interrupted; throws flowhook::Error (exit 2) on usage errors and when the
// receiver cannot be reached at all.
int run_check(const CheckOptions& options);

}  // namespace flowhook::check
