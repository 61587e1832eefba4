#pragma once
// An HTTP client that delivers one request at a time the way the platform does: every attempt
// is bounded as a whole (connect to the last byte of the answer), only the start of an answer
// body is kept, and every library error becomes one of a few failures that a person can act on.
// The answer is read here, not by cpp-httplib (whose reader takes a 103 for the final answer):
// any number of interim 1xx answers (all but 101) are read and dropped, as RFC 9110 15.2 says.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/url.hpp"

namespace flowhook::http {

using Header = std::pair<std::string, std::string>;
using Headers = std::vector<Header>;
using Latency = std::chrono::microseconds;

// Why an attempt got no complete answer.
enum class FailureKind {
    refused,      // nothing accepts connections at the address
    reset,        // the connection was closed or reset before the answer was complete
    timeout,      // the attempt did not finish within the timeout
    dns,          // the host name does not resolve
    tls,          // the TLS handshake or the certificate check failed
    malformed,    // the bytes that came back are not an HTTP/1.x answer
    interrupted,  // cancelled by the user (Ctrl-C)
    other,
};

// "refused", "reset", "timeout", "dns", "tls", "malformed", "interrupted", "other".
std::string_view failure_name(FailureKind kind);

struct Failure {
    Failure() = default;
    Failure(FailureKind k, std::string d, std::string h = {})
        : kind(k), detail(std::move(d)), hint(std::move(h)) {}
    FailureKind kind = FailureKind::other;
    std::string detail;  // for a person: "connection refused", "certificate name mismatch: ..."
    std::string hint;    // a likely first-run mistake and its fix, or empty
};

// What a receiver answered.
struct Reply {
    int status = 0;
    std::string reason;           // "OK", "Internal Server Error", as the receiver sent it
    std::string body_start;       // the first bytes of the body, up to ClientOptions::keep_body
    std::uint64_t body_size = 0;  // bytes of body read in all
    std::string location;         // the Location header, if any (a 3xx says where to)
    std::string content_type;     // the Content-Type header, if any
};

// The result of one attempt: an answer or a failure, never both.
struct Attempt {
    std::optional<Reply> answer;
    std::optional<Failure> failure;
    Latency latency{0};
};

class TlsContext;

struct ClientOptions {
    Url url;
    std::chrono::milliseconds timeout{10'000};  // the whole attempt
    std::string cacert;                         // PEM file of trusted CAs; empty: the system's
    bool insecure = false;                      // skip certificate verification
    std::size_t keep_body = 64 * 1024;          // bytes of each answer body kept
    std::uint64_t max_body = 0;  // a longer answer body fails the attempt; 0: no limit
    bool keep_alive = true;      // reuse the connection for the next post
    // The CAs, loaded once for all clients (see transport.hpp); made from `cacert` when null.
    std::shared_ptr<TlsContext> tls;
    const std::atomic<bool>* cancel = nullptr;  // when it turns true, the attempt in flight ends
};

// One keep-alive connection to one receiver. Not thread-safe: one Client per worker thread.
class Client {
  public:
    explicit Client(const ClientOptions& options);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // POSTs `body` with exactly `headers` (plus Host, Content-Length and Accept unless given),
    // sorted by name, to the URL's target. Never throws for network trouble: see Attempt.
    Attempt post(const Headers& headers, const std::string& body);
    // GETs the URL's target with `headers`, bounded like post (check's probes, and its GET).
    Attempt get(const Headers& headers);

  private:
    Attempt exchange(std::string_view method, const Headers& headers, const std::string& body);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace flowhook::http
