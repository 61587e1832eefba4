#pragma once
// listen --forward-to: relays a delivery to the developer's own app and brings back its final
// answer (interim 1xx answers such as 103 Early Hints are read and dropped by the client).

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/server.hpp"
#include "http/url.hpp"

namespace flowhook::http {

class TlsContext;

// Where deliveries are relayed: an http:// or https:// URL, and for https the CAs trusted.
struct ForwardTarget {
    Url url;
    std::shared_ptr<TlsContext> tls;  // https only
    std::string text() const;         // the URL, for messages
};

// Parses "http[s]://host[:port][/path]"; nullopt with `why` set for anything else. For https,
// `cacert` (empty: the system's CAs) is loaded now and `insecure` skips the certificate check;
// a --cacert file without a certificate throws flowhook::Error (exit 2).
std::optional<ForwardTarget> parse_forward_url(std::string_view url, std::string& why,
                                               const std::string& cacert = "",
                                               bool insecure = false);

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
