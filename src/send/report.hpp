#pragma once
// What flowhook send prints: each attempt as it happens, the outcome of each payload, and a
// summary; as text for a person or as NDJSON for scripts.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "send/payloads.hpp"
#include "delivery/attempt_text.hpp"
#include "delivery/retry.hpp"
#include "http/client.hpp"
#include "util/units.hpp"

namespace flowhook::send {

struct AttemptEvent {
    const Delivery& delivery;
    int number = 1;  // 1-based
    const http::Attempt& attempt;
    std::optional<util::Duration> retry_in;  // set when another attempt follows
};

using Outcome = delivery::Outcome;

struct OutcomeEvent {
    const Delivery& delivery;
    Outcome outcome = Outcome::delivered;
    int attempts = 0;
    const http::Attempt* last = nullptr;  // the last attempt, if any was made
};

struct SlowAnswer {
    std::string payload;
    int attempt = 1;
    http::Latency latency{0};
};

struct Summary {
    std::size_t payloads = 0, delivered = 0, failed = 0, gave_up = 0, invalid = 0, interrupted = 0;
    std::size_t attempts = 0;
    http::Latency elapsed{0};
    std::vector<http::Latency> latencies;  // of every attempt that got an answer
    std::vector<SlowAnswer> slow;          // answers slower than half the timeout
    util::Duration timeout{0};
    bool was_interrupted = false;
    std::vector<std::string> hints;  // likely mistakes (a redirect, https to plain HTTP), once each
};

// Shared with check: the words for attempts and latencies (delivery/attempt_text.hpp).
using delivery::describe_attempt;
using delivery::format_latency;
using delivery::latency_stats;
using delivery::LatencyStats;

// "order.json  ORDER_SETTLED": the payload's name and, when known, its action.
std::string delivery_label(const Delivery& delivery);

// The label of a delivery on a terminal: its name alone when the name already ends with its
// action ("sample STOCK_CHANGE"), else delivery_label().
std::string terminal_label(const Delivery& delivery);


// Calls come from one thread at a time (the sender serialises them).
class SendReporter {
  public:
    virtual ~SendReporter() = default;
    virtual void request(const Delivery& delivery, const http::Url& url,
                         const http::Headers& headers) = 0;
    virtual void attempt(const AttemptEvent& event) = 0;
    virtual void outcome(const OutcomeEvent& event) = 0;
    virtual void summary(const Summary& summary) = 0;
};

// format: "text" or "json"; quiet leaves out attempts and delivered payloads.
std::unique_ptr<SendReporter> make_send_reporter(const std::string& format, std::FILE* out,
                                                 bool quiet, bool colour);

}  // namespace flowhook::send
