#include "send/send.hpp"

#include <csignal>
#include <cstdlib>
#include <memory>

#include "util/error.hpp"
#include "cli/option_values.hpp"
#include "cli/request_options.hpp"
#include "send/sender.hpp"
#include "send/payloads.hpp"
#include "send/report.hpp"
#include "delivery/request.hpp"
#include "http/transport.hpp"
#include "send/verbose.hpp"
#include "util/gzip.hpp"
#include "util/signals.hpp"
#include "util/terminal.hpp"
#include "util/units.hpp"

namespace flowhook::send {
namespace {

constexpr const char* k_examples =
    R"(Delivery, as the platform does it: POST with Content-Type: application/json and
User-Agent: flowhook/VERSION, the body byte for byte. Each attempt is bounded as a whole
(connect to the last byte of the answer) by --timeout. An answer below 300 is delivered;
400-499 (429 included) failed, never retried; anything else (3xx, 5xx), a timeout, a refused or
reset connection or a DNS failure is retried up to --retries times, waiting --backoff, then
twice as long each time, at most --max-backoff. Jitter is "equal jitter": each wait is half
the schedule plus a random part of up to the other half (--no-jitter: exactly the schedule).

Examples:
  flowhook send http://localhost:8080/hooks order.json
  flowhook send http://localhost:8080/hooks --action ORDER_SETTLED --action TILL_OPEN
  flowhook send https://example.test/hooks --bearer "$TOKEN" events.ndjson
  FLOWHOOK_URL=http://localhost:8080/hooks flowhook send - < order.json
  flowhook send --url http://localhost:8080/hooks order.json
  flowhook send URL --dry-run --basic user:secret order.json     show the request, send nothing
  flowhook send URL --concurrency 16 --rate 200 --duplicate 2 --shuffle --seed 7 events.ndjson
  flowhook send URL --replay deliveries.ndjson                   what flowhook listen recorded
  flowhook send URL -v --format json order.json > report.ndjson  each attempt on stderr too
  flowhook send URL --format json order.json | jq 'select(.type == "summary")'

Environment: FLOWHOOK_URL (the URL), FLOWHOOK_BASIC (USER:PASS), FLOWHOOK_BEARER (a token).
The URL comes from the first argument when it is one, else --url, else FLOWHOOK_URL, else
`url = "..."` under [send] in ./flowhook.toml (or the --config file).

Exit codes: 0 every payload delivered, 1 some payload failed, gave up or was invalid (not sent),
2 usage error or unreadable input, 130 interrupted (Ctrl-C or SIGTERM: no new attempts; the
report says what was delivered and what was not; a second signal ends flowhook at once).)";

constexpr int k_most_retries = 10000;  // --retries: far past any platform's schedule

// The receiver's URL: the first argument when it is one (it has a scheme); otherwise --url,
// which CLI11 took from the command line, else FLOWHOOK_URL, else the config file. A first
// argument that is not a URL is then the first payload file.
http::Url receiver_url(SendOptions& options) {
    bool first_is_url = options.url.find("://") != std::string::npos;
    if (!first_is_url && !options.named_url.empty()) {
        if (!options.url.empty()) options.paths.insert(options.paths.begin(), options.url);
        options.url = options.named_url;
    }
    if (options.url.empty())
        throw Error("no URL: give it as the first argument, with --url or in FLOWHOOK_URL");
    // Named after --url when it came from there, so that app.cpp can blame FLOWHOOK_URL or
    // the config file when they set it.
    std::string from = first_is_url || options.named_url.empty() ? "" : "--url: ";
    if (options.url.find(':') == std::string::npos) {
        if (!from.empty())
            throw Error(from + "\"" + options.url + "\" is not a URL (http://HOST/PATH)");
        throw Error("no URL: \"" + options.url +
                    "\" is not one (http://HOST/PATH); give the URL as the first argument, "
                    "with --url or in FLOWHOOK_URL");
    }
    std::string why;
    auto url = http::parse_url(options.url, why);
    if (!url) throw Error(from + "bad URL \"" + options.url + "\": " + why);
    return *url;
}

SenderOptions sender_options(const SendOptions& options, const http::Url& url) {
    SenderOptions sender;
    sender.client = cli::client_options(options.request, url, options.timeout);
    sender.policy.retries = options.no_retry ? 0 : options.retries;
    sender.policy.backoff = cli::duration_value("--backoff", options.backoff);
    sender.policy.max_backoff = cli::duration_value("--max-backoff", options.max_backoff);
    sender.policy.jitter = !options.no_jitter;
    sender.gzip = options.gzip;
    sender.concurrency = options.concurrency;
    sender.rate = options.rate;
    return sender;
}

void warn(const std::string& message) {
    std::fprintf(stderr, "flowhook: send: warning: %s\n", message.c_str());
}

// The seed of the run (--random values, --shuffle order, jitter): --seed, or a fresh one that
// is printed when it decides what is sent (or with -v), so that a run that broke a receiver can
// be repeated.
std::uint64_t run_seed(const SendOptions& options) {
    std::uint64_t seed = cli::seed_or_fresh(options.seed);
    if (options.seed) return seed;
    if (options.verbose || options.shuffle || (options.random && !options.actions.empty()))
        std::fprintf(stderr, "flowhook: send: seed %llu (--seed %llu repeats this run)\n",
                     static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
    return seed;
}

// Options that shape the --action samples mean nothing without one.
void check_sample_options(const SendOptions& options) {
    if (!options.actions.empty()) return;
    for (auto [given, name] : {std::pair{options.random, "--random"},
                               {!options.sets.empty(), "--set"},
                               {options.allow_unknown, "--allow-unknown"}})
        if (given) throw Error(std::string(name) + " shapes the --action samples: give --action");
}

std::unique_ptr<DeliverySource> deliveries_of(const SendOptions& options, std::uint64_t seed) {
    check_sample_options(options);
    PayloadSources sources{options.paths, options.actions, {}, options.replay};
    sources.sample.random = options.random;
    sources.sample.seed = seed;
    sources.sample.sets = options.sets;
    sources.sample.allow_unknown = options.allow_unknown;
    sources.sample.pretty = false;  // one line, as a delivery body
    sources.copies = options.duplicate;
    sources.enforce_schema = !options.no_validate;
    if (sources.paths.empty() && sources.actions.empty() && sources.replay.empty())
        throw Error("nothing to send: give payload files (- for stdin), --action or --replay");
    auto deliveries = std::make_unique<DeliverySource>(sources);
    if (options.shuffle) deliveries->shuffle(seed);
    return deliveries;
}

void warn_about_slow_answers(const Summary& summary) {
    for (const SlowAnswer& slow : summary.slow)
        warn(slow.payload + " attempt " + std::to_string(slow.attempt) + " answered in " +
             format_latency(slow.latency) + ", over half the " +
             util::format_duration(summary.timeout) +
             " timeout: on a bad day the platform will time out and retry");
}

// With --gzip the body is shown as it was before compression, the Content-Length as sent.
int dry_run(DeliverySource& deliveries, const delivery::HeaderLayers& layers, const http::Url& url,
            SendReporter& reporter, bool gzip) {
    bool all_valid = true;
    while (std::optional<Delivery> delivery = deliveries.next()) {
        if (!delivery->valid()) {
            reporter.outcome({*delivery, Outcome::invalid, 0, nullptr});
            all_valid = false;
            continue;
        }
        http::Headers headers = delivery::delivery_headers(layers, delivery->headers);
        if (gzip)
            headers.emplace_back("Content-Length",
                                 std::to_string(util::gzip_compress(delivery->body).size()));
        reporter.request(*delivery, url, headers);
    }
    return all_valid ? k_exit_ok : k_exit_failed;
}

// Files are read as they are sent: that they hold no payload, or fail part way (the error is
// printed then), is known only at the end.
int exit_code_after_reading(const DeliverySource& deliveries, int code) {
    if (deliveries.read_failed()) return k_exit_usage;
    if (deliveries.handed_out() == 0) throw Error("no payload found to send");
    return code;
}

// What to send: samples, a replay, and whether to validate.
void add_payload_options(CLI::App& sub, SendOptions& o) {
    sub.option_defaults()->group("Payloads");  // the heading of the options added below
    cli::one_value_each(
        sub.add_option("-a,--action", o.actions, "Send the generated sample of ACTION (repeatable)")
            ->type_name("ACTION"));
    sub.add_flag("--random", o.random,
                 "--action samples get varied values instead of the documented example");
    sub.add_option("--seed", o.seed,
                   "Seed for --random, --shuffle and jitter: the same seed, the same run")
        ->check(cli::whole_number("a whole number", 0))
        ->type_name("N");
    cli::one_value_each(
        sub.add_option("--set", o.sets,
                       "Override a sample field, PATH=VALUE (repeatable), e.g. order.Id=42")
            ->type_name("PATH=VALUE"));
    sub.add_flag("--allow-unknown", o.allow_unknown,
                 "--set may add fields the schema does not know");
    sub.add_option("--replay", o.replay,
                   "Re-send the deliveries of a flowhook listen record file, in order")
        ->type_name("FILE");
    sub.add_flag("--no-validate", o.no_validate, "Send payloads even when they do not validate");
}

// The platform's delivery semantics, and many payloads at once.
void add_delivery_options(CLI::App& sub, SendOptions& o) {
    sub.option_defaults()->group("Delivery");  // the heading of the options added below
    sub.add_option("-t,--timeout", o.timeout, "Bound of each whole attempt")
        ->default_str("10s")
        ->type_name("DURATION");
    sub.add_option("--retries", o.retries, "Retries after the first attempt")
        ->default_str("10")
        ->check(cli::whole_number("a number of retries", 0, k_most_retries))
        ->type_name("N");
    sub.add_flag("--no-retry", o.no_retry, "One attempt per payload");
    sub.add_option("--backoff", o.backoff, "Wait before the first retry; doubles each time")
        ->default_str("1s")
        ->type_name("DURATION");
    sub.add_option("--max-backoff", o.max_backoff, "Longest wait between attempts")
        ->default_str("60s")
        ->type_name("DURATION");
    sub.add_flag("--no-jitter", o.no_jitter,
                 "Wait exactly the schedule (default: equal jitter, half fixed, half random)");
    sub.add_option("-c,--concurrency", o.concurrency, "Deliveries in flight at once")
        ->default_str("1")
        ->check(cli::whole_number("a number of deliveries in flight", 1, 1024))
        ->type_name("N");
    sub.add_option("--rate", o.rate, "Attempts per second at most (0: no limit)")
        ->default_str("0")
        ->check(cli::decimal_number("a number of attempts per second", 0))
        ->type_name("PER_SECOND");
    sub.add_option("--duplicate", o.duplicate,
                   "Send each payload N times (receivers must be idempotent)")
        ->default_str("1")
        ->check(cli::whole_number("a number of copies", 1, 1000000))
        ->type_name("N");
    sub.add_flag("--shuffle", o.shuffle, "Send the payloads in a random order (see --seed)");
}

// What is printed.
void add_output_options(CLI::App& sub, SendOptions& o) {
    sub.option_defaults()->group("Output");  // the heading of the options added below
    sub.add_flag("-n,--dry-run", o.dry_run,
                 "Print the exact requests (credentials masked); send nothing");
    sub.add_option(
           "-f,--format", o.format,
           "Output format: text, or json (NDJSON: one record per attempt, outcome, summary)")
        ->check(CLI::IsMember({"text", "json", "ndjson"}))
        ->default_str("text");
    sub.add_flag("-q,--quiet", o.quiet,
                 "Print only payloads that were not delivered, and the summary");
    sub.add_flag("-v,--verbose", o.verbose,
                 "Also log the settings and each attempt (time, status or error, latency, "
                 "wait) on stderr as it happens");
}

// Options that undo each other are a usage error rather than a silent choice.
void forbid_contradictions(CLI::App& sub) {
    auto* no_retry = sub.get_option("--no-retry");
    std::string one_attempt = "--no-retry makes a single attempt per payload";
    cli::check_combinations(sub,
                       {{no_retry, sub.get_option("--retries"), one_attempt},
                        {no_retry, sub.get_option("--backoff"), one_attempt + ", with no wait"},
                        {no_retry, sub.get_option("--max-backoff"), one_attempt + ", with no wait"},
                        {no_retry, sub.get_option("--no-jitter"), one_attempt + ", with no wait"},
                        cli::insecure_and_cacert(sub),
                        cli::quiet_and_verbose(sub.get_option("--quiet"), sub.get_option("--verbose"))});
}

}  // namespace

cli::Subcommand setup_send(CLI::App& app) {
    auto o = std::make_shared<SendOptions>();
    CLI::App* sub =
        app.add_subcommand("send", "Deliver payloads to a receiver exactly as Flow Retail does");
    sub->footer(k_examples);
    // The positionals are command-line only; the config file's `url` sets --url. No positional
    // is named like an option: CLI11 2.4 and later refuse that (it would be ambiguous in a config
    // file).
    sub->add_option("receiver", o->url, "Receiver URL, http:// or https:// (default: --url)")
        ->type_name("URL")
        ->configurable(false);
    sub->add_option("paths", o->paths,
                    "Payload files (one payload, a JSON array, or NDJSON), - for stdin")
        ->type_name("PAYLOAD_FILE...")
        ->configurable(false);
    sub->add_option("--url", o->named_url,
                    "Receiver URL when the first argument is not one; also from FLOWHOOK_URL "
                    "or `url` under [send] in the config file")
        ->envname("FLOWHOOK_URL")
        ->type_name("URL");
    add_payload_options(*sub, *o);
    cli::add_request_options(*sub, o->request);
    sub->add_flag("--gzip", o->gzip, "Compress bodies (Content-Encoding: gzip)");
    add_delivery_options(*sub, *o);
    add_output_options(*sub, *o);
    forbid_contradictions(*sub);
    return {sub, [o] { return run_send(*o); }};
}

int run_send(const SendOptions& given) {
    SendOptions options = given;
    // Everything that can be wrong with the command line is found before anything is sent.
    http::Url url = receiver_url(options);
    SenderOptions sender = sender_options(options, url);
    delivery::HeaderLayers headers = delivery::request_headers({options.request.basic, options.request.bearer},
                                                                 options.request.headers);
    if (options.gzip) headers.defaults.emplace_back("Content-Encoding", "gzip");
    std::uint64_t seed = run_seed(options);
    sender.jitter_seed = seed;
    std::unique_ptr<DeliverySource> deliveries = deliveries_of(options, seed);
    auto reporter =
        make_send_reporter(options.format, stdout, options.quiet, util::use_colour(stdout));
    if (options.dry_run)
        return exit_code_after_reading(*deliveries,
                                       dry_run(*deliveries, headers, url, *reporter, options.gzip));
    if (options.verbose) {
        log_settings(stderr, sender);
        reporter = with_verbose_log(std::move(reporter), sender, stderr);
    }

    if (options.request.insecure && url.https())
        warn("--insecure: the receiver's certificate is not verified");
    // A receiver that closes the connection must not kill flowhook while it writes.
    std::signal(SIGPIPE, SIG_IGN);
    // Ctrl-C or SIGTERM: no new attempt, the one in flight abandoned, the report still printed.
    util::SignalWatch signals;  // before the workers start, so that none of them takes a signal
    signals.start();
    sender.client.cancel = &signals.stopped();
    // A counter on stderr for long runs, on a terminal only, and never over the attempt lines
    // when they go to the same terminal, nor over the -v log.
    auto progress = util::Progress::on_terminal(
        "payloads sent", options.verbose || (!options.quiet && util::is_terminal(stdout)));
    sender.progress = &progress;
    Summary summary = deliver_all(*deliveries, headers, sender, *reporter, signals.stopped());
    progress.finish();
    if (summary.payloads == 0) return exit_code_after_reading(*deliveries, k_exit_ok);
    reporter->summary(summary);
    warn_about_slow_answers(summary);
    for (const std::string& hint : summary.hints)
        std::fprintf(stderr, "flowhook: send: hint: %s\n", hint.c_str());
    if (summary.was_interrupted) return k_exit_interrupted;
    return exit_code_after_reading(
        *deliveries, summary.failed + summary.gave_up + summary.invalid ? k_exit_failed : k_exit_ok);
}

}  // namespace flowhook::send
