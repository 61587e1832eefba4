#pragma once
// listen --ui: the inspector served under /_flowhook/ on the listener's own port. It answers
// the page and its API on the worker that took the request (short work only) and hands event
// streams to their own thread (http/event_streams), so a page never holds a thread that
// answers deliveries.

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/event_streams.hpp"
#include "http/server.hpp"
#include "listen/inspector/store.hpp"

namespace flowhook::listen::inspector {

struct InspectorOptions {
    std::string host;  // as --host gives it
    std::optional<std::string> path;
    std::optional<std::string> forward_to;  // the --forward-to URL
    KeepLimits keep;
    std::string record;  // --record FILE: the page starts with its newest records
    // The scripted answer now, and how the page changes it (throws flowhook::Error for a bad
    // script; returns the script now in force, empty for the plain answer).
    std::function<std::string()> respond;
    std::function<std::string(const std::string&)> set_respond;
};

class Inspector {
public:
    explicit Inspector(InspectorOptions options);
    ~Inspector();

    // The page's URL with the token, once the port is known: stderr prints it.
    std::string start(int port);
    // Answers a request under /_flowhook (any method), on a worker thread.
    http::Answer handle(http::Request& request);
    // Keeps and publishes a delivery the listener handled.
    void delivered(const Arrival& arrival) { m_store.add(arrival); }
    // Ends replays in flight and closes the event streams.
    void stop();

    const std::string& token() const { return m_token; }

private:
    http::Answer route(http::Request& request, std::string_view path, std::string_view query);
    http::Answer info(const http::Request& request) const;
    http::Answer deliveries(std::string_view query) const;
    http::Answer stream(const http::Request& request, std::string_view query);
    http::Answer replay(std::uint64_t id, const std::string& body);
    http::Answer validate(const std::string& body) const;
    http::Answer respond(const std::string& body);

    InspectorOptions m_options;
    std::string m_token;
    bool m_loopback;
    int m_port = 0;
    http::EventStreams m_streams;
    Store m_store;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_replays{0};
};

}  // namespace flowhook::listen::inspector
