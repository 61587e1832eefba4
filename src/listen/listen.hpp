#pragma once
// flowhook listen: a small receiver that prints every delivery, checked against the schema,
// records it, and answers as told (scripted faults included) or as the developer's app does.

#include <cstddef>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace flowhook::listen {

struct ListenOptions {
    std::string host = "127.0.0.1";
    int port = 8787;
    std::string path;  // empty: every path
    std::string format = "text";
    std::vector<std::string> events;
    bool no_body = false;
    bool headers = false;
    std::string record;
    bool fsync = false;
    int status = 200;
    std::string delay = "0s";
    bool reject_invalid = false;
    std::string respond;
    int fail_first = 0;
    std::string timeout_answer = "11s";
    std::string basic;
    std::string bearer;
    std::string forward_to;
    std::string forward_timeout = "30s";
    std::string cacert;  // of an https --forward-to app
    bool insecure = false;
    std::string max_body = "1MiB";
    std::string read_timeout = "5s";
    std::size_t exit_after = 0;
    bool quiet = false;
    bool verbose = false;
    bool ui = false;
    std::size_t ui_keep = 1000;
    std::string ui_keep_bytes = "64MiB";
};

cli::Subcommand setup_listen(CLI::App& app);

// Serves until SIGINT, SIGTERM or --exit-after; prints a summary on stderr. Returns 0 after a
// clean stop; throws flowhook::Error (exit 2) on bad options or a port that cannot be bound.
int run_listen(const ListenOptions& options);

}  // namespace flowhook::listen
