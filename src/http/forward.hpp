#pragma once
// listen --forward-to: relays a delivery to the developer's own app and brings back its answer.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/server.hpp"

namespace flowhook::http {

// Where deliveries are relayed: an http:// URL.
struct ForwardTarget {
    std::string host;
    int port = 80;
    std::string path = "/";
    std::string text() const;  // the URL, for messages
};

// Parses "http://host[:port][/path]"; nullopt for anything else (https included: the app is
// local, and the library build used here is not linked with TLS).
std::optional<ForwardTarget> parse_forward_url(std::string_view url);

struct ForwardResult {
    bool answered = false;  // the app answered; otherwise `error` says why not
    int status = 0;
    std::string body;
    std::string content_type;
    std::string error;
    std::chrono::milliseconds latency{0};
};

// POSTs `request`'s body and end-to-end headers to `target`; never throws. The app's answer is
// read up to `max_answer` bytes.
ForwardResult forward(const ForwardTarget& target, const Request& request,
                      std::chrono::milliseconds timeout, std::size_t max_answer);

}  // namespace flowhook::http
