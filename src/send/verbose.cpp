#include "send/verbose.hpp"

#include <chrono>
#include <string>

#include "util/units.hpp"

namespace flowhook::send {
namespace {

using Clock = std::chrono::steady_clock;

std::string retry_policy_text(const delivery::RetryPolicy& policy) {
    if (policy.retries == 0) return "no retries";
    return "up to " + std::to_string(policy.retries) +
           (policy.retries == 1 ? " retry" : " retries") + " (backoff " +
           util::format_duration(policy.backoff) + ", doubling to at most " +
           util::format_duration(policy.max_backoff) +
           (policy.jitter ? ", equal jitter)" : ", no jitter)");
}

std::string outcome_text(const OutcomeEvent& e) {
    std::string attempts =
        std::to_string(e.attempts) + (e.attempts == 1 ? " attempt" : " attempts");
    switch (e.outcome) {
        case Outcome::delivered:
            return "delivered after " + attempts;
        case Outcome::failed:
            return "failed after " + attempts + " (4xx: not retried)";
        case Outcome::gave_up:
            return "gave up after " + attempts;
        case Outcome::invalid:
            return "not sent: invalid payload";
        case Outcome::interrupted:
            return "not delivered: interrupted after " + attempts;
    }
    return "";
}

class VerboseLog : public SendReporter {
public:
    VerboseLog(std::unique_ptr<SendReporter> report, int max_attempts, std::FILE* log)
        : m_report(std::move(report)), m_max_attempts(max_attempts), m_log(log) {}

    void request(const Delivery& delivery, const http::Url& url,
                 const http::Headers& headers) override {
        m_report->request(delivery, url, headers);
    }

    void attempt(const AttemptEvent& e) override {
        m_report->attempt(e);
        std::string line = delivery_label(e.delivery) + "  attempt " + std::to_string(e.number) +
                           " of " + std::to_string(m_max_attempts) + ": " +
                           describe_attempt(e.attempt);
        if (e.retry_in) line += "; retry in " + util::format_duration(*e.retry_in);
        log(line);
    }

    void outcome(const OutcomeEvent& e) override {
        m_report->outcome(e);
        log(delivery_label(e.delivery) + "  " + outcome_text(e));
    }

    void summary(const Summary& summary) override { m_report->summary(summary); }

private:
    void log(const std::string& line) {
        auto since = std::chrono::duration<double>(Clock::now() - m_start).count();
        std::fprintf(m_log, "flowhook: send: +%.3fs %s\n", since, line.c_str());
        std::fflush(m_log);
    }

    std::unique_ptr<SendReporter> m_report;
    int m_max_attempts;
    std::FILE* m_log;
    Clock::time_point m_start = Clock::now();
};

}  // namespace

void log_settings(std::FILE* log, const SenderOptions& sender) {
    std::string line = "delivering to " + sender.client.url.origin() + sender.client.url.target +
                       ": timeout " + util::format_duration(sender.client.timeout) +
                       " per attempt, " + retry_policy_text(sender.policy) + ", concurrency " +
                       std::to_string(sender.concurrency) + ", ";
    char rate[48];
    std::snprintf(rate, sizeof rate, "at most %g attempts/s", sender.rate);
    line += sender.rate > 0 ? rate : "no rate limit";
    std::fprintf(log, "flowhook: send: %s\n", line.c_str());
    std::fflush(log);
}

std::unique_ptr<SendReporter> with_verbose_log(std::unique_ptr<SendReporter> report,
                                               const SenderOptions& sender, std::FILE* log) {
    return std::make_unique<VerboseLog>(std::move(report), sender.policy.retries + 1, log);
}

}  // namespace flowhook::send
