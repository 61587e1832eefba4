#pragma once
// What flowhook listen prints: each delivery (text for people, or the NDJSON record) on
// stdout, and the summary on stderr when it stops.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <rapidjson/document.h>

#include "listen/answers.hpp"
#include "http/server.hpp"
#include "schema/validator.hpp"

namespace flowhook::listen {

// One delivery and how it was answered.
struct DeliveryView {
    const http::Request* request = nullptr;
    const rapidjson::Value* parsed = nullptr;  // the body as JSON, or nullptr
    const schema::ValidationResult* result = nullptr;
    std::optional<RepeatTracker::Seen> repeat;  // nullopt: rejected before counting
    std::optional<int> status;                  // nullopt: dropped without an answer
    std::string outcome;                        // "answered 200", "REJECTED 401: ..."
};

struct PrintOptions {
    bool ndjson = false;
    bool colour = false;
    bool body = true;
    bool headers = false;
    // On a terminal, its width: the per-delivery lines (request, action, outcome) are cut to
    // fit; nullopt elsewhere: every byte as it always was.
    std::optional<std::size_t> width;
};

// Prints whole deliveries, one at a time, from any thread.
class Printer {
public:
    explicit Printer(PrintOptions options) : m_options(options) {}
    // `record` is the delivery's NDJSON record, printed as is with --format ndjson.
    void print(const DeliveryView& delivery, const std::string& record);

private:
    std::string text(const DeliveryView& delivery) const;
    PrintOptions m_options;
    std::mutex m_mutex;
};

// "ORDER_SETTLED tenant=7 store=1 order=7123 tenantUser=7": the action and the references the
// catalogue lists for it, with their Ids.
std::string reference_line(const schema::ValidationResult& result, const rapidjson::Value* payload);

// Counts for the summary printed when the listener stops.
class Tally {
public:
    void delivery(const schema::ValidationResult& result, bool repeat, std::optional<int> status);
    void refusal(int status);
    std::size_t deliveries() const;
    std::string summary(std::chrono::milliseconds uptime) const;

private:
    mutable std::mutex m_mutex;
    std::size_t m_deliveries = 0;
    std::size_t m_valid = 0;
    std::size_t m_invalid = 0;
    std::size_t m_repeats = 0;
    std::size_t m_dropped = 0;
    std::map<std::string, std::size_t> m_actions;
    std::map<int, std::size_t> m_answers;
    std::map<int, std::size_t> m_refusals;
};

}  // namespace flowhook::listen
