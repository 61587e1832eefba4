#pragma once
// The listener's HTTP/1.1 server. Every byte a client sends is first read by the gatekeeper
// (bounded head, bounded and decoded body, a deadline per request, no thread per idle
// connection); a worker then routes each complete request and writes its answer.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/request_parser.hpp"

namespace flowhook::http {

// What the listener answers a request (client.hpp's Reply is what a receiver answered).
struct Answer {
    int status = 200;
    std::vector<Header> headers;
    std::string content_type = "application/json";
    std::string body;
    bool drop = false;  // close the connection without any answer
    // Set: the answer opens an event stream. Its head goes out without a length, then the
    // connection's socket (non-blocking) is handed to `adopt`, which owns it from then on, and
    // the worker is free at once. `adopt(-1)` when the head could not be sent.
    std::function<void(int fd)> adopt;
};

// A complete POST to the listener's path.
struct Request {
    std::string method;
    std::string target;  // path and query, as sent
    std::string version;
    std::string remote;  // "127.0.0.1:53412"
    std::vector<Header> headers;  // in the order received
    std::string body;      // decoded when it came with a Content-Encoding
    std::string encoding;  // that Content-Encoding ("gzip"), or empty
    std::string raw;       // with an encoding: the body as received, before decoding
    std::chrono::system_clock::time_point received;
    // Sends an answer before the handler returns (at most once; the handler then returns the
    // same answer), so that work the client need not wait for runs while it reads the answer.
    // Empty when the request cannot be answered early.
    std::function<void(const Answer&)> answer_now;

    // The body's bytes as they arrived on the wire.
    const std::string& received_body() const { return encoding.empty() ? body : raw; }
};

// A request the server answered itself without the handler: malformed, too large, too slow,
// wrong path or method.
struct Refusal {
    int status = 0;
    std::string reason;
    std::string remote;
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8787;                  // 0: any free port
    std::optional<std::string> path;  // only this path takes POSTs; others 404
    RequestLimits limits;
    std::chrono::milliseconds read_timeout{5000};
    std::chrono::milliseconds write_timeout{5000};
    std::size_t max_workers = 128;
    std::size_t max_connections = 16384;  // capped by the open-files limit
    // When set, a request whose head fails it and that waits for "100 Continue" is answered
    // 401 at once, with `challenge` as its WWW-Authenticate, and its body is never read.
    std::function<bool(const std::string* authorization)> authorized;
    std::string challenge;
};

// "Not Found" for 404, and so on; "Status" for a code it does not know.
const char* reason_phrase(int status);

class BindError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Server {
public:
    using Handler = std::function<Answer(Request&)>;
    using RefusalHandler = std::function<void(const Refusal&)>;

    // `handler` runs on worker threads, several at once.
    Server(ServerOptions options, Handler handler, RefusalHandler refused);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Requests whose path (decoded) is `prefix` or under `prefix/` go to `handler` instead,
    // whatever their method, and never to the delivery handler; set before run().
    void reserve(std::string prefix, Handler handler);

    // Binds the listening socket and returns its port; throws BindError naming the address.
    int bind();
    // Serves until stop(); returns once every request already received has been answered.
    void run();
    // Stops accepting and reading; callable from any thread, not from a signal handler.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace flowhook::http
