#pragma once
// The platform's delivery contract, made runnable: which answers count as delivered, which are
// retried, how long to wait between attempts, and the attempts of one delivery from the first
// to its outcome. send, listen's replay and check all deliver through this.

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "http/client.hpp"
#include "util/units.hpp"

namespace flowhook::delivery {

struct RetryPolicy {
    int retries = 10;  // attempts after the first
    util::Duration backoff{1000};
    util::Duration max_backoff{60000};
    bool jitter = true;
};

enum class Verdict { delivered, failed, retry, interrupted };

// Status < 300: delivered. 400-499 (429 included): failed, never retried. Any other status
// (3xx, 5xx), a timeout or a connection failure: retried.
Verdict judge(const http::Attempt& attempt);

// The wait before retry number `retry` (1-based): backoff * 2^(retry-1), at most max_backoff.
// With jitter, "equal jitter": half of that wait is fixed and the other half uniformly random,
// so retries of many payloads spread out but never come sooner than half the schedule.
util::Duration backoff_before(const RetryPolicy& policy, int retry, std::mt19937_64& random);

// Sleeps until `until` unless `stop` turns true first; false when it did.
bool sleep_until(std::chrono::steady_clock::time_point until, const std::atomic<bool>& stop);

// How a delivery ended. `invalid`: it failed validation and was never sent.
enum class Outcome { delivered, failed, gave_up, invalid, interrupted };

// One attempt, as it is reported.
struct AttemptStep {
    int number = 1;  // 1-based
    const http::Attempt& attempt;
    std::optional<util::Duration> retry_in;  // set when another attempt follows
};

struct Hooks {
    // Called before each attempt; false stops the delivery as interrupted (e.g. a rate limit
    // that was interrupted while waiting). Empty: go at once.
    std::function<bool()> before_attempt;
    std::function<void(const AttemptStep&)> after_attempt;
};

struct Result {
    Outcome outcome = Outcome::delivered;
    int attempts = 0;
    http::Attempt last;  // meaningful when attempts > 0
};

// Delivers `body` with `headers` through `client` as the platform does: attempt after attempt
// until it is delivered, fails for good, runs out of retries or `stop` turns true.
Result deliver(http::Client& client, const http::Headers& headers, const std::string& body,
               const RetryPolicy& policy, std::mt19937_64& random, const std::atomic<bool>& stop,
               const Hooks& hooks = {});

}  // namespace flowhook::delivery
