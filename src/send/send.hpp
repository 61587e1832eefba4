#pragma once
// flowhook send: delivers payloads to a receiver exactly as Flow Retail does (POST, timeout,
// which answers count as delivered, which are retried, exponential backoff) and shows each
// attempt as it happens.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/request_options.hpp"

namespace flowhook::send {

struct SendOptions {
    std::string url;        // the first argument: the URL, or a payload file when it is not one
    std::string named_url;  // --url: from the command line, FLOWHOOK_URL or the config file
    std::vector<std::string> paths;  // payload files, "-" for stdin
    // Generated samples (as flowhook generate makes them).
    std::vector<std::string> actions;
    bool random = false;
    std::optional<std::uint64_t> seed;  // also orders --shuffle
    std::vector<std::string> sets;
    bool allow_unknown = false;
    std::string replay;  // a record file of flowhook listen
    bool no_validate = false;
    // The request.
    cli::RequestOptions request;  // credentials, headers, TLS
    bool gzip = false;  // compress each body, with Content-Encoding: gzip
    // Delivery semantics, the platform's by default.
    std::string timeout = "10s";
    int retries = 10;
    bool no_retry = false;
    std::string backoff = "1s";
    std::string max_backoff = "60s";
    bool no_jitter = false;
    // Many payloads.
    int concurrency = 1;
    double rate = 0;  // requests per second at most; 0: no limit
    int duplicate = 1;
    bool shuffle = false;
    // Output.
    bool dry_run = false;
    std::string format = "text";
    bool quiet = false;
    bool verbose = false;  // each attempt on stderr too
};

cli::Subcommand setup_send(CLI::App& app);

// Sends every payload and prints each attempt and a summary to stdout. Returns 0 when every
// payload was delivered, 1 when some failed, gave up or was invalid, 130 when interrupted;
// throws flowhook::Error on usage errors.
int run_send(const SendOptions& options);

}  // namespace flowhook::send
