// The deliveries of one run of flowhook check, and the words for what they got.
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>

#include "check/checks.hpp"
#include "delivery/attempt_text.hpp"
#include "delivery/retry.hpp"
#include "output/delivery_record.hpp"
#include "output/json_writer.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace flowhook::check {
namespace {

constexpr std::size_t k_answer_bytes = 200;  // of an answer, in a verdict

// The platform's schedule: its retries, and how long they take before it drops a delivery.
struct Schedule {
    int retries = 0;
    util::Duration waits{0};
};

Schedule platform_schedule() {
    delivery::RetryPolicy policy;  // the platform's: 10 retries, 1 s doubling to 60 s
    policy.jitter = false;
    std::mt19937_64 unused;
    Schedule schedule{policy.retries, {}};
    for (int retry = 1; retry <= policy.retries; ++retry)
        schedule.waits += delivery::backoff_before(policy, retry, unused);
    return schedule;
}

std::string minutes(util::Duration duration) {
    auto count = (duration.count() + 30'000) / 60'000;
    return std::to_string(count) + (count == 1 ? " minute" : " minutes");
}

bool safe_in_shell(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_./:=@%+,-").find(c) != std::string_view::npos;
}

}  // namespace

std::string_view level_name(Level level) {
    switch (level) {
        case Level::must:
            return "must";
        case Level::should:
            return "should";
        case Level::info:
            break;
    }
    return "info";
}

std::string_view outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::pass:
            return "pass";
        case Outcome::warn:
            return "warn";
        case Outcome::fail:
            return "fail";
        case Outcome::skip:
            break;
    }
    return "skip";
}

std::string shell_quote(std::string_view text) {
    if (!text.empty() && std::all_of(text.begin(), text.end(), safe_in_shell))
        return std::string(text);
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

void record_attempt(Verdict& verdict, const http::Attempt& attempt) {
    verdict.latency = attempt.latency;
    if (verdict.unreachable.empty()) verdict.unreachable = unreachable(attempt);
    verdict.status.reset();
    verdict.answer.clear();
    if (!attempt.answer) return;
    verdict.status = attempt.answer->status;
    verdict.answer = util::to_valid_utf8(attempt.answer->body_start, k_answer_bytes);
}

http::Attempt one_attempt(http::Client& client, const http::Headers& headers,
                          const std::string& body, const std::atomic<bool>* stop) {
    static const std::atomic<bool> k_never{false};
    delivery::RetryPolicy once;
    once.retries = 0;
    std::mt19937_64 unused;  // no retry, so no backoff to draw
    delivery::Result result =
        delivery::deliver(client, headers, body, once, unused, stop ? *stop : k_never);
    if (result.attempts == 0)
        return {{}, http::Failure{http::FailureKind::interrupted, "interrupted"}, {}};
    return std::move(result.last);
}

std::string unreachable(const http::Attempt& attempt) {
    bool nothing = attempt.failure && (attempt.failure->kind == http::FailureKind::refused ||
                                       attempt.failure->kind == http::FailureKind::dns);
    return nothing ? attempt.failure->detail : "";
}

std::string consequence_of(const http::Attempt& attempt, const Settings& settings) {
    static const Schedule schedule = platform_schedule();
    std::string retried = "the platform retries this " + std::to_string(schedule.retries) +
                          " times over about " + minutes(schedule.waits) + ", then drops it";
    if (attempt.failure && attempt.failure->kind == http::FailureKind::timeout) {
        util::Duration with_timeouts =
            schedule.waits + util::Duration(10'000) * (schedule.retries + 1);
        return "no answer within " + settings.timeout_text +
               ": the platform stops waiting at 10s and retries this " +
               std::to_string(schedule.retries) + " times over about " + minutes(with_timeouts) +
               ", then drops it; your receiver may act on every copy";
    }
    if (attempt.failure) return attempt.failure->detail + ": " + retried;
    int status = attempt.answer->status;
    if (status < 300) return "";
    if (status >= 400 && status <= 499)
        return "answered " + std::to_string(status) +
               ": the platform never retries a 4xx, so this event is lost for good";
    return "answered " + std::to_string(status) + ": " + retried;
}

Context::Context(const Settings& settings)
    : m_settings(settings), m_client(std::make_unique<http::Client>(settings.client)) {
    if (settings.probe_url.empty()) return;
    std::string why;
    auto url = http::parse_url(settings.probe_url, why);
    if (!url) throw Error("--probe-url: bad URL \"" + settings.probe_url + "\": " + why);
    http::ClientOptions probe = settings.client;
    probe.url = *url;
    m_probe = std::make_unique<http::Client>(probe);
}

Context::~Context() = default;

http::Attempt Context::deliver(const std::string& body) { return deliver(body, headers()); }

http::Attempt Context::deliver(const std::string& body, const http::Headers& headers) {
    return one_attempt(*m_client, headers, body, m_settings.stop);
}

http::Attempt Context::get() { return m_client->get(headers()); }

http::Headers Context::headers() const { return delivery::delivery_headers(m_settings.headers, {}); }

http::Headers Context::headers_with(const delivery::Credentials& credentials) const {
    delivery::HeaderLayers layers =
        delivery::request_headers(credentials, m_settings.request.headers);
    return delivery::delivery_headers(layers, {});
}

std::optional<std::string> Context::read_probe() {
    if (m_probe) {
        http::Attempt attempt = m_probe->get(headers());
        if (attempt.failure)
            throw Error("--probe-url " + m_settings.probe_url + ": " + attempt.failure->detail);
        if (attempt.answer->status >= 300)
            throw Error("--probe-url " + m_settings.probe_url + ": answered " +
                        std::to_string(attempt.answer->status));
        return attempt.answer->body_start;
    }
    if (m_settings.probe_command.empty()) return std::nullopt;
    std::FILE* pipe = ::popen(m_settings.probe_command.c_str(), "r");
    if (!pipe) throw Error("--probe: cannot run " + m_settings.probe_command);
    std::string out;
    char block[4096];
    while (std::size_t n = std::fread(block, 1, sizeof block, pipe)) out.append(block, n);
    int status = ::pclose(pipe);
    if (status != 0)
        throw Error("--probe: \"" + m_settings.probe_command + "\" exited with " +
                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : status));
    return out;
}

std::string Context::send_command(const std::string& options, bool with_credentials) const {
    const cli::RequestOptions& request = m_settings.request;
    std::string command;
    // The credentials go as the variables send reads, so that no secret is in a report.
    bool credentials = !request.basic.empty() || !request.bearer.empty();
    if (credentials && !with_credentials) command += "FLOWHOOK_BASIC= FLOWHOOK_BEARER= ";
    command += "flowhook send " + shell_quote(m_settings.url_text) + " " + options +
               " --no-retry --timeout " + shell_quote(m_settings.timeout_text);
    if (with_credentials && !request.basic.empty()) command += " --basic \"$FLOWHOOK_BASIC\"";
    if (with_credentials && !request.bearer.empty()) command += " --bearer \"$FLOWHOOK_BEARER\"";
    for (const std::string& text : request.headers) {
        http::Header header = delivery::parse_header(text);
        command += " -H " + shell_quote(header.first + ": " +
                                        output::masked_header_value(header.first, header.second));
    }
    if (!request.cacert.empty()) command += " --cacert " + shell_quote(request.cacert);
    if (request.insecure) command += " --insecure";
    return command;
}

std::string Context::reproduce(const Payload& payload, const std::string& extra,
                               bool with_credentials) const {
    std::string options = "--action " + payload.action;
    for (const std::string& set : payload.sets) options += " --set " + shell_quote(set);
    if (payload.allow_unknown) options += " --allow-unknown";
    if (!payload.valid) options += " --no-validate";
    if (!extra.empty()) options += " " + extra;
    return send_command(options, with_credentials);
}

std::string Context::reproduce_body(const std::string& body) const {
    // A record of listen's format holds any body exactly, even one send could not read as a
    // payload file (empty, an array, cut short).
    std::string record;
    output::StringSink sink{&record};
    output::JsonWriter writer(sink);
    writer.StartObject();
    output::write_key(writer, "raw");
    output::write_string(writer, body);
    writer.EndObject();
    return send_command("--no-validate --replay <(printf '%s\\n' " + shell_quote(record) + ")");
}

std::string Context::reproduce_lines(const std::vector<std::string>& bodies) const {
    std::string command = "printf '%s\\n'";
    for (const std::string& body : bodies) command += " " + shell_quote(body);
    return command + " | " + send_command("-");
}

}  // namespace flowhook::check
