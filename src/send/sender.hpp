#pragma once
// Workers that deliver many payloads at once, each through the delivery engine, at a rate
// limit shared by all of them.

#include <atomic>
#include <cstdint>
#include <vector>

#include "send/payloads.hpp"
#include "send/report.hpp"
#include "delivery/request.hpp"
#include "delivery/retry.hpp"
#include "http/client.hpp"
#include "util/progress.hpp"
#include "util/units.hpp"

namespace flowhook::send {

struct SenderOptions {
    http::ClientOptions client;
    delivery::RetryPolicy policy;
    bool gzip = false;    // compress each body (the headers say Content-Encoding: gzip)
    int concurrency = 1;  // workers, each with its own keep-alive connection
    double rate = 0;      // attempts per second at most, over all workers; 0: no limit
    std::uint64_t jitter_seed = 0;
    util::Progress* progress = nullptr;  // counts the payloads done, when given
};

// Delivers every valid delivery of the source (an invalid one is reported as such and not
// sent), reports each attempt and outcome as it happens, and returns the totals. Stops starting
// attempts once `stop` turns true; what was not delivered then is reported as interrupted.
Summary deliver_all(DeliverySource& deliveries, const delivery::HeaderLayers& headers,
                    const SenderOptions& options, SendReporter& reporter,
                    const std::atomic<bool>& stop);

}  // namespace flowhook::send
