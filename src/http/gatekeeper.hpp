#pragma once
// The gatekeeper owns every connection while a request is still arriving: one polling thread
// reads what each client sends into a bounded buffer, under a deadline per request, and hands
// only complete requests to the workers. An idle or slowloris connection costs a socket and a
// few bytes, never a thread, so hundreds of them cannot starve a real delivery.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/connection.hpp"

namespace flowhook::platform {
class Poller;
}

namespace flowhook::http {

struct GateOptions {
    RequestLimits limits;
    std::chrono::milliseconds read_timeout{5000};  // a request must arrive within it; idle too
    std::size_t max_connections = 16384;           // beyond it the stalest connection is cut
    // A request that waits for "100 Continue" and whose Authorization fails this is answered
    // 401 (WWW-Authenticate: challenge) instead, before its body is read.
    std::function<bool(const std::string* authorization)> authorized;
    std::string challenge;
};

// A request the gatekeeper answered itself, as an error, and the connection it closed.
struct GateRefusal {
    int status = 0;
    std::string reason;
    std::string remote;
};

class Gatekeeper {
public:
    using Dispatch = std::function<void(std::unique_ptr<Connection>, ParsedRequest)>;
    using Refused = std::function<void(const GateRefusal&)>;

    Gatekeeper(GateOptions options, Dispatch dispatch, Refused refused);
    ~Gatekeeper();
    Gatekeeper(const Gatekeeper&) = delete;
    Gatekeeper& operator=(const Gatekeeper&) = delete;

    void start();
    // Takes a freshly accepted socket (any thread).
    void admit(int fd);
    // Takes a connection back after its request was answered, to wait for the next (any
    // thread).
    void give_back(std::unique_ptr<Connection> connection);
    // Counts a connection that a worker closed itself.
    void closed() { --m_open; }
    // Closes every connection it holds and joins its thread; later arrivals are closed at once.
    void stop();

private:
    void loop();
    int wait_ms() const;  // the poller's timeout: until the next deadline, -1 for none
    void set_deadline(Connection& connection, Clock::time_point deadline);
    void forget_deadline(const Connection& connection);  // it leaves the gatekeeper
    void take_inbox();
    void open(int fd);
    void resume(std::unique_ptr<Connection> connection);
    void on_readable(int fd);
    void advance(int fd);
    void refuse(Connection& connection, int status, const std::string& reason,
                const std::vector<Header>& headers = {});
    void expire(Clock::time_point now);
    void evict_stalest();
    void close(int fd);
    void watch(int fd);

    GateOptions m_options;
    Dispatch m_dispatch;
    Refused m_refused;
    std::unique_ptr<platform::Poller> m_poller;  // its wake() is the inbox's doorbell
    std::thread m_thread;
    std::unordered_map<int, std::unique_ptr<Connection>> m_connections;
    std::atomic<std::size_t> m_open{0};  // held here or by workers
    std::vector<char>* m_scratch = nullptr;  // the loop's read buffer
    // Every held connection's deadline and descriptor, earliest first (the loop thread's
    // alone): the next expiry, and the stalest connection, cost a look, not a scan.
    std::set<std::pair<Clock::time_point, int>> m_deadlines;

    std::mutex m_inbox_mutex;
    std::vector<int> m_admitted;
    std::vector<std::unique_ptr<Connection>> m_returned;
    bool m_stopping = false;  // guarded by m_inbox_mutex
    std::atomic<bool> m_quit{false};
};

// The short error answer the listener sends before closing a connection, with `headers`.
std::string error_response(int status, const std::string& reason, const std::vector<Header>& headers = {});

}  // namespace flowhook::http
