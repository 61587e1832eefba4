#include "check/check.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <memory>

#include "check/checks.hpp"
#include "check/report.hpp"
#include "cli/option_values.hpp"
#include "delivery/replay.hpp"
#include "delivery/request.hpp"
#include "util/error.hpp"
#include "util/signals.hpp"
#include "util/terminal.hpp"

namespace flowhook::check {
namespace {

constexpr const char* k_footer =
    R"(Each check sends real deliveries (the platform's samples,
ids changed per check), one attempt each, and grades the
answer by the platform's rules. `--list` names them.

Examples:
  flowhook check http://localhost:8080/hooks
  flowhook check URL --bearer "$TOKEN"
  flowhook check URL --only accepts --skip burst
  flowhook check URL --probe-url URL/count
  flowhook check URL --from deliveries.ndjson
  flowhook check URL --format junit > check.xml
  flowhook check --list

Exit codes: 0 every MUST passed, 1 a MUST failed,
2 usage error or a receiver that cannot be reached,
130 interrupted.)";

// A check is selected by its name, or by the name of its group ("accepts").
bool names(const std::string& selector, const Check& check) {
    return check.name == selector || check.name.rfind(selector + "/", 0) == 0;
}

std::vector<Check> select(std::vector<Check> table, const CheckOptions& options) {
    for (const auto* list : {&options.only, &options.skip})
        for (const std::string& selector : *list)
            if (std::none_of(table.begin(), table.end(),
                             [&](const Check& c) { return names(selector, c); }))
                throw Error("unknown check \"" + selector + "\" (--list shows every check)");
    std::erase_if(table, [&](const Check& c) {
        auto chosen = [&](const std::vector<std::string>& list) {
            return std::any_of(list.begin(), list.end(),
                               [&](const std::string& s) { return names(s, c); });
        };
        return (!options.only.empty() && !chosen(options.only)) || chosen(options.skip);
    });
    if (table.empty()) throw Error("--only and --skip leave no check to run");
    return table;
}

std::vector<delivery::Recorded> read_records(const std::string& path) {
    std::vector<delivery::Recorded> records;
    if (path.empty()) return records;
    delivery::ReplayReader reader(path, "check", "--from");
    while (auto record = reader.next()) records.push_back(std::move(*record));
    if (!reader.error().empty()) throw Error("cannot read --from file " + path + ": " + reader.error());
    if (records.empty()) throw Error("--from " + path + ": no delivery recorded in it");
    return records;
}

Settings settings_of(const CheckOptions& options, std::vector<delivery::Recorded> recorded) {
    if (options.url.empty()) throw Error("no URL: give the receiver's URL (or --list)");
    std::string why;
    auto url = http::parse_url(options.url, why);
    if (!url) throw Error("bad URL \"" + options.url + "\": " + why);
    Settings settings;
    settings.client = cli::client_options(options.request, *url, options.timeout);
    settings.url_text = options.url;
    settings.request = options.request;
    settings.timeout_text = options.timeout;
    settings.headers = delivery::request_headers({options.request.basic, options.request.bearer},
                                                 options.request.headers);
    settings.slow = cli::duration_value("--slow", options.slow);
    settings.burst = options.burst;
    settings.probe_url = options.probe_url;
    settings.probe_command = options.probe;
    settings.from_path = options.from;
    settings.recorded = std::move(recorded);
    return settings;
}

// Runs each check in order; the first that sends tells whether anything answers at all.
std::vector<Verdict> run_all(const std::vector<Check>& checks, Context& context,
                             const std::atomic<bool>& stop) {
    std::vector<Verdict> verdicts;
    bool reached = false;  // some attempt got through to the receiver
    for (const Check& check : checks) {
        if (stop.load()) break;
        context.set_current(check);
        auto start = std::chrono::steady_clock::now();
        Verdict verdict = check.run(context);
        verdict.elapsed = std::chrono::duration_cast<http::Latency>(std::chrono::steady_clock::now() - start);
        if (stop.load()) break;  // an attempt cut short by Ctrl-C grades nothing
        if (!reached && !verdict.unreachable.empty())
            throw Error(verdict.unreachable + " at " + context.settings().url_text);
        reached = reached || verdict.latency.has_value();
        verdict.name = check.name;
        verdict.level = check.level;
        verdicts.push_back(std::move(verdict));
    }
    return verdicts;
}

void add_check_options(CLI::App& sub, CheckOptions& o) {
    sub.option_defaults()->group("Checks");
    sub.add_option("-t,--timeout", o.timeout, "Bound of each attempt")
        ->default_str("10s")
        ->type_name("DURATION");
    cli::one_value_each(sub.add_option("--only", o.only, "Run only these checks (or groups)")
                            ->type_name("NAME"));
    cli::one_value_each(sub.add_option("--skip", o.skip, "Do not run these checks")
                            ->type_name("NAME"));
    sub.add_option("--slow", o.slow, "Answers slower than this warn")
        ->default_str("2s")
        ->type_name("DURATION");
    sub.add_option("--burst", o.burst, "Deliveries at once in burst")
        ->default_str("50")
        ->check(cli::whole_number("a number of deliveries", 1, 1000))
        ->type_name("N");
    sub.add_option("--probe-url", o.probe_url, "GET: shows what a delivery changed")
        ->type_name("URL");
    sub.add_option("--probe", o.probe, "Command whose output shows the same")
        ->type_name("COMMAND");
    sub.add_option("--from", o.from, "Also replay a listen --record file")->type_name("FILE");
}

void add_output_options(CLI::App& sub, CheckOptions& o) {
    sub.option_defaults()->group("Output");
    sub.add_option("-f,--format", o.format, "Report: text, json, junit, github")
        ->check(CLI::IsMember({"text", "json", "junit", "github"}))
        ->default_str("text");
    sub.add_flag("--list", o.list, "List the checks; run none");
}

}  // namespace

cli::Subcommand setup_check(CLI::App& app) {
    auto o = std::make_shared<CheckOptions>();
    CLI::App* sub = app.add_subcommand("check", "Grade a webhook receiver against the platform's rules");
    sub->footer(k_footer);
    sub->add_option("url", o->url, "Receiver URL, http:// or https://")
        ->type_name("URL")
        ->configurable(false);
    cli::add_request_options(*sub, o->request);
    add_check_options(*sub, *o);
    add_output_options(*sub, *o);
    cli::check_combinations(
        *sub, {cli::insecure_and_cacert(*sub),
               {sub->get_option("--probe-url"), sub->get_option("--probe"),
                "the duplicate check reads one probe"}});
    return {sub, [o] { return run_check(*o); }};
}

int run_check(const CheckOptions& options) {
    // The checks named by --only and --skip, with a replay of each --from record.
    std::vector<delivery::Recorded> recorded = read_records(options.from);
    std::vector<Check> checks = select(check_table(recorded.size()), options);
    if (options.list) {
        list_checks(stdout, checks);
        return k_exit_ok;
    }
    Settings settings = settings_of(options, std::move(recorded));
    // A receiver that closes the connection must not kill flowhook while it writes.
    std::signal(SIGPIPE, SIG_IGN);
    // Ctrl-C or SIGTERM: the attempt in flight is abandoned, the checks done are reported.
    util::SignalWatch signals;
    signals.start();
    settings.client.cancel = &signals.stopped();
    settings.stop = &signals.stopped();
    Context context(settings);
    auto start = std::chrono::steady_clock::now();
    std::vector<Verdict> verdicts = run_all(checks, context, signals.stopped());
    Summary summary = summarize(verdicts);
    summary.elapsed = std::chrono::duration_cast<http::Latency>(std::chrono::steady_clock::now() - start);
    summary.interrupted = signals.stopped().load();
    render(options.format, stdout, options.url, verdicts, summary, util::use_colour(stdout));
    if (summary.interrupted) return k_exit_interrupted;
    return summary.must_failed ? k_exit_failed : k_exit_ok;
}

}  // namespace flowhook::check
