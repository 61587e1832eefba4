#include "delivery/retry.hpp"

#include <algorithm>
#include <thread>

namespace flowhook::delivery {

using Clock = std::chrono::steady_clock;

Verdict judge(const http::Attempt& attempt) {
    if (attempt.failure)
        return attempt.failure->kind == http::FailureKind::interrupted ? Verdict::interrupted
                                                                       : Verdict::retry;
    int status = attempt.answer->status;
    if (status < 300) return Verdict::delivered;
    if (status >= 400 && status <= 499) return Verdict::failed;
    return Verdict::retry;
}

util::Duration backoff_before(const RetryPolicy& policy, int retry, std::mt19937_64& random) {
    util::Duration wait = policy.backoff;
    for (int i = 1; i < retry && wait < policy.max_backoff; ++i) wait *= 2;
    wait = std::min(wait, policy.max_backoff);
    if (!policy.jitter || wait.count() < 2) return wait;
    auto half = wait.count() / 2;
    std::uniform_int_distribution<util::Duration::rep> spread(0, wait.count() - half);
    return util::Duration(half + spread(random));
}

bool sleep_until(Clock::time_point until, const std::atomic<bool>& stop) {
    constexpr auto k_slice = std::chrono::milliseconds(20);  // how fast Ctrl-C is noticed
    while (!stop.load()) {
        auto now = Clock::now();
        if (now >= until) return true;
        std::this_thread::sleep_for(std::min<Clock::duration>(until - now, k_slice));
    }
    return false;
}

Result deliver(http::Client& client, const http::Headers& headers, const std::string& body,
               const RetryPolicy& policy, std::mt19937_64& random, const std::atomic<bool>& stop,
               const Hooks& hooks) {
    Result result;
    auto end = [&](Outcome outcome) {
        result.outcome = outcome;
        return std::move(result);
    };
    for (int number = 1;; ++number) {
        bool go = hooks.before_attempt ? hooks.before_attempt() : !stop.load();
        if (!go) return end(Outcome::interrupted);
        result.last = client.post(headers, body);
        result.attempts = number;
        Verdict verdict = judge(result.last);
        bool retry = verdict == Verdict::retry && number <= policy.retries;
        std::optional<util::Duration> wait;
        if (retry) wait = backoff_before(policy, number, random);
        if (hooks.after_attempt) hooks.after_attempt({number, result.last, wait});
        if (verdict == Verdict::delivered) return end(Outcome::delivered);
        if (verdict == Verdict::failed) return end(Outcome::failed);
        if (verdict == Verdict::interrupted) return end(Outcome::interrupted);
        if (!retry) return end(Outcome::gave_up);
        if (!sleep_until(Clock::now() + *wait, stop)) return end(Outcome::interrupted);
    }
}

}  // namespace flowhook::delivery
