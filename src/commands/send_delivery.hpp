#pragma once
// The platform's delivery contract, made runnable: which answers count as delivered, which are
// retried, how long to wait between attempts, and workers that deliver many payloads at once.

#include <atomic>
#include <cstdint>
#include <random>
#include <vector>

#include "commands/send_payloads.hpp"
#include "commands/send_report.hpp"
#include "commands/send_request.hpp"
#include "http/client.hpp"
#include "util/progress.hpp"
#include "util/units.hpp"

namespace flowhook::commands {

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

struct SenderOptions {
    http::ClientOptions client;
    RetryPolicy policy;
    int concurrency = 1;  // workers, each with its own keep-alive connection
    double rate = 0;      // attempts per second at most, over all workers; 0: no limit
    std::uint64_t jitter_seed = 0;
    util::Progress* progress = nullptr;  // counts the payloads done, when given
};

// Delivers every valid delivery of the source (an invalid one is reported as such and not
// sent), reports each attempt and outcome as it happens, and returns the totals. Stops starting
// attempts once `stop` turns true; what was not delivered then is reported as interrupted.
Summary deliver_all(DeliverySource& deliveries, const HeaderLayers& headers,
                    const SenderOptions& options, SendReporter& reporter,
                    const std::atomic<bool>& stop);

}  // namespace flowhook::commands
