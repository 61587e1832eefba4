#pragma once
// The checks of flowhook check, as a table: each row a name, a level, a one-line description
// and the function that grades the receiver's answers to its deliveries.

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/payloads.hpp"
#include "cli/request_options.hpp"
#include "delivery/replay.hpp"
#include "delivery/request.hpp"
#include "http/client.hpp"
#include "util/units.hpp"

namespace flowhook::check {

// How much a check counts: a failed MUST fails the run (exit 1); SHOULD and info only warn.
enum class Level { must, should, info };
enum class Outcome { pass, warn, fail, skip };

std::string_view level_name(Level level);        // "must", "should", "info"
std::string_view outcome_name(Outcome outcome);  // "pass", "warn", "fail", "skip"

// What a check found.
struct Verdict {
    std::string name;
    Level level = Level::must;
    Outcome outcome = Outcome::pass;
    std::optional<int> status;                // of the answer shown
    std::optional<http::Latency> latency;     // of the answer shown
    std::string answer;                       // its first 200 bytes (valid UTF-8)
    std::string message;                      // what came back, or what is wrong
    std::string consequence;                  // a failure under the platform's rules
    std::string reproduce;                    // "flowhook send ..." re-sending that payload
    std::string unreachable;  // "connection refused": nothing could be reached; else empty
    http::Latency elapsed{0};  // the whole check, every delivery and probe
};

// Everything a check needs of the run, resolved from the options.
struct Settings {
    http::ClientOptions client;      // the receiver, the timeout, TLS
    std::string url_text;            // the URL as given
    cli::RequestOptions request;     // as given, for the reproduce lines
    std::string timeout_text;        // as given ("10s")
    delivery::HeaderLayers headers;  // with the credentials
    util::Duration slow{2000};
    int burst = 50;
    std::string probe_url;
    std::string probe_command;
    std::string from_path;                   // --from
    std::vector<delivery::Recorded> recorded;  // its records
    const std::atomic<bool>* stop = nullptr;  // Ctrl-C: no new attempt
};

class Context;

struct Check {
    std::string name;
    Level level = Level::must;
    std::string description;
    std::function<Verdict(Context&)> run;
    int index = 0;  // the position in the table: each check's payloads carry their own ids
};

// Every check, in the order they run: accepts/ACTION for each spelling of the catalogue, then
// accepts/recorded-N for each record of --from, then the contract checks.
std::vector<Check> check_table(std::size_t recorded);

// One run's deliveries to the receiver, and the words for what they got.
class Context {
public:
    explicit Context(const Settings& settings);
    ~Context();

    const Settings& settings() const { return m_settings; }
    // The check being run, for payload ids.
    const Check& current() const { return *m_current; }
    void set_current(const Check& check) { m_current = &check; }

    // One attempt of `body` with the run's headers (or `headers`), over one keep-alive
    // connection.
    http::Attempt deliver(const std::string& body);
    http::Attempt deliver(const std::string& body, const http::Headers& headers);
    // The headers of the run; without credentials, or with `credentials` instead.
    http::Headers headers() const;
    // A GET of the URL with the run's headers (what a receiver does with a method the
    // platform never uses).
    http::Attempt get();
    http::Headers headers_with(const delivery::Credentials& credentials) const;

    // The probe's reading (--probe-url body or --probe stdout); nullopt without a probe.
    // Throws flowhook::Error when the probe cannot be read.
    std::optional<std::string> read_probe();

    // "flowhook send URL OPTIONS... --no-retry --timeout T": the run's request options, the
    // credentials as the environment variables send reads (no secret in a report).
    std::string send_command(const std::string& options, bool with_credentials = true) const;
    // Reproduce lines: a sample as send --action makes it; an exact body; bodies as NDJSON
    // on stdin.
    std::string reproduce(const Payload& payload, const std::string& extra = "",
                          bool with_credentials = true) const;
    std::string reproduce_body(const std::string& body) const;
    std::string reproduce_lines(const std::vector<std::string>& bodies) const;

private:
    const Settings& m_settings;
    const Check* m_current = nullptr;
    std::unique_ptr<http::Client> m_client;
    std::unique_ptr<http::Client> m_probe;
};

// One delivery through the platform's delivery code with no retry (a check grades answers;
// it does not retry): the attempt, or an interrupted failure when `stop` came first.
http::Attempt one_attempt(http::Client& client, const http::Headers& headers,
                          const std::string& body, const std::atomic<bool>* stop);

// A verdict filled from one attempt: status, latency, the answer's start.
void record_attempt(Verdict& verdict, const http::Attempt& attempt);

// What the platform does with an answer that is not 2xx, in one line: "answered 503: the
// platform retries this 10 times over about 5 minutes, then drops it".
std::string consequence_of(const http::Attempt& attempt, const Settings& settings);

// Why the attempt reached nothing ("connection refused", a DNS failure); empty otherwise.
std::string unreachable(const http::Attempt& attempt);

// Quotes `text` for a POSIX shell when it needs it.
std::string shell_quote(std::string_view text);

}  // namespace flowhook::check
