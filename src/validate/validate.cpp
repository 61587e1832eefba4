#include "validate/validate.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>
#include <thread>

#include "util/error.hpp"
#include "cli/option_values.hpp"
#include "validate/engine.hpp"
#include "output/report.hpp"
#include "util/files.hpp"
#include "util/progress.hpp"
#include "util/terminal.hpp"

namespace flowhook::validate {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_examples = R"(Examples:
  flowhook validate payload.json                 one payload
  flowhook validate fixtures/                    every *.json, *.ndjson, *.jsonl below
  flowhook validate --strict events.ndjson       unknown fields are errors too
  cat body.json | flowhook validate -            stdin
  flowhook validate --format github fixtures/    annotations in GitHub Actions
  flowhook validate --format junit -q fixtures/ > report.xml
  flowhook validate -q --jobs 4 events.ndjson    only the failures, on 4 threads
  flowhook validate -v events.ndjson > report.txt  sources, speed and threads on stderr

A long run shows a progress line on stderr when stderr is a terminal and the report goes
elsewhere (a file, a pipe); never in -q mode, never when stderr is not a terminal.

Exit codes: 0 every payload valid, 1 some payload invalid (text that is not JSON included),
2 usage error or a path that cannot be read.)";

// A path to read, as the user named it.
struct Source {
    std::string name;  // shown in reports
    fs::path path;     // empty for stdin
};

// Expands folders into their payload files; reports paths that cannot be read.
std::vector<Source> collect_sources(const std::vector<std::string>& paths, std::size_t& unreadable,
                                    bool verbose) {
    std::vector<Source> sources;
    for (const std::string& path : paths) {
        if (path == "-") {
            sources.push_back({"-", {}});
            continue;
        }
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec) {
            print_warning("cannot read " + path + ": " + ec.message());
            ++unreadable;
        } else if (fs::is_directory(status)) {
            try {
                auto files = util::payload_files_under(path);
                if (files.empty()) {
                    print_warning("no payload files (*.json, *.ndjson, *.jsonl) under " + path);
                    ++unreadable;
                }
                if (verbose && !files.empty())
                    print_warning(path + ": " + std::to_string(files.size()) + " payload files");
                for (const fs::path& file : files) sources.push_back({file.string(), file});
            } catch (const fs::filesystem_error& e) {
                print_warning("cannot read " + path + ": " + e.code().message());
                ++unreadable;
            }
        } else {
            sources.push_back({path, path});
        }
    }
    return sources;
}

bool check_source(const Source& source, StreamValidator& checker) {
    if (source.path.empty()) return checker.check_stream(STDIN_FILENO, source.name);
    int fd = ::open(source.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        print_warning("cannot read " + source.name + ": " + std::strerror(errno));
        return false;
    }
    bool ok = checker.check_stream(fd, source.name);
    ::close(fd);
    return ok;
}

unsigned job_count(unsigned requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

// -v: what the run did, on stderr, after the report.
void print_run_summary(const output::Totals& totals, unsigned jobs,
                       std::chrono::steady_clock::time_point start) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char line[200];
    std::snprintf(line, sizeof line,
                  "%zu payloads from %zu sources in %.3fs (%.0f/s), NDJSON on %u %s",
                  totals.payloads, totals.sources, seconds,
                  seconds > 0 ? static_cast<double>(totals.payloads) / seconds : 0.0, jobs,
                  jobs == 1 ? "thread" : "threads");
    print_warning(line);
}

schema::ValidateOptions schema_options(const ValidateOptions& options) {
    schema::ValidateOptions schema_options;
    schema_options.strict = options.strict;
    if (options.action) {
        if (!schema::find_action(*options.action)) {
            std::string message = "--action: unknown action \"" + *options.action + "\"";
            if (auto suggestion = schema::suggest_action(*options.action); !suggestion.empty())
                message += "; did you mean \"" + std::string(suggestion) + "\"?";
            throw Error(message);
        }
        schema_options.require = options.action;
    }
    return schema_options;
}

}  // namespace

cli::Subcommand setup_validate(CLI::App& app) {
    auto options = std::make_shared<ValidateOptions>();
    CLI::App* sub =
        app.add_subcommand("validate", "Check payloads against the Flow Retail event schema");
    sub->footer(k_examples);
    sub->add_option("paths", options->paths,
                    "Payload files (one JSON payload, a JSON array of payloads, or NDJSON), "
                    "folders (searched for *.json, *.ndjson, *.jsonl), or - for stdin")
        ->required()
        ->type_name("PATH...");
    sub->add_option("-f,--format", options->format, "Report format")
        ->check(CLI::IsMember(std::vector<std::string>(std::begin(output::k_report_format_names),
                                                       std::end(output::k_report_format_names))))
        ->default_str("text");
    sub->add_option("-a,--action", options->action,
                    "Require every payload to be this action (any spelling)")
        ->type_name("ACTION");
    sub->add_flag("--strict", options->strict,
                  "Treat fields the schema does not know as errors, not warnings");
    auto* quiet = sub->add_flag("-q,--quiet", options->quiet, "Print only failures");
    auto* verbose =
        sub->add_flag("-v,--verbose", options->verbose,
                      "Also report on stderr the sources read, the speed and the threads used");
    sub->add_option("-j,--jobs", options->jobs,
                    "Validate NDJSON on N threads (default: one per core; 1: no threads); "
                    "the report keeps the input order")
        ->type_name("N")
        ->check(cli::whole_number("a number of threads", 1, 256));
    cli::check_combinations(*sub, {cli::quiet_and_verbose(quiet, verbose)});
    return {sub, [options] { return run_validate(*options); }};
}

int run_validate(const ValidateOptions& options) {
    schema::ValidateOptions rules = schema_options(options);
    output::ReportOptions report_options{options.quiet, util::use_colour(stdout)};
    auto reporter =
        output::make_reporter(*output::parse_report_format(options.format), stdout, report_options);
    auto start = std::chrono::steady_clock::now();
    output::Totals totals;
    std::vector<Source> sources =
        collect_sources(options.paths, totals.unreadable, options.verbose);
    // A report on the terminal shows its own progress, payload by payload.
    auto progress = util::Progress::on_terminal("payloads validated",
                                                options.quiet || util::is_terminal(stdout));
    unsigned jobs = job_count(options.jobs);
    StreamValidator checker(rules, *reporter, totals, jobs, progress);
    for (const Source& source : sources) {
        ++totals.sources;
        if (!check_source(source, checker)) ++totals.unreadable;
    }
    progress.finish();
    reporter->finish(totals);
    if (options.verbose) print_run_summary(totals, jobs, start);
    if (totals.unreadable) return k_exit_usage;
    if (totals.payloads == 0)
        throw Error("no payload found in " + std::to_string(sources.size()) +
                    (sources.size() == 1 ? " source" : " sources"));
    return totals.invalid ? k_exit_failed : k_exit_ok;
}

}  // namespace flowhook::validate
