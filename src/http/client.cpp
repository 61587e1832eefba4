#include "http/client.hpp"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace flowhook::http {
namespace {

using Clock = std::chrono::steady_clock;

// cpp-httplib's timeouts bound each read and write, not the attempt: a receiver that drips one
// byte a second would hold an attempt open for ever. The watchdog shuts the connection down
// (cpp-httplib's stop(), the one call that is safe from another thread) once the deadline of
// the attempt in flight has passed or the user cancelled.
class Watchdog {
  public:
    Watchdog(std::function<void()> shut_down, const std::atomic<bool>* cancel)
        : m_shut_down(std::move(shut_down)), m_cancel(cancel), m_thread([this] { loop(); }) {}

    ~Watchdog() {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

    void arm(Clock::time_point deadline) {
        {
            std::lock_guard lock(m_mutex);
            m_deadline = deadline;
            m_armed = true;
            m_fired = false;
        }
        m_wake.notify_all();
    }

    // Ends the watch; true when the watchdog shut the attempt down. Waits for a shutdown in
    // progress, which would otherwise hit the connection of the next attempt.
    bool disarm() {
        std::unique_lock lock(m_mutex);
        m_armed = false;
        m_wake.wait(lock, [this] { return !m_shutting_down; });
        return m_fired;
    }

  private:
    static constexpr auto k_cancel_poll = std::chrono::milliseconds(50);

    void loop() {
        std::unique_lock lock(m_mutex);
        while (!m_quit) {
            if (!m_armed) {
                m_wake.wait(lock);
                continue;
            }
            auto now = Clock::now();
            if (now >= m_deadline || (m_cancel && m_cancel->load())) {
                m_armed = false;
                m_fired = true;
                m_shutting_down = true;
                lock.unlock();  // stop() may wait for a connect in progress
                m_shut_down();
                lock.lock();
                m_shutting_down = false;
                m_wake.notify_all();
                continue;
            }
            m_wake.wait_until(lock,
                              m_cancel ? std::min(m_deadline, now + k_cancel_poll) : m_deadline);
        }
    }

    std::function<void()> m_shut_down;
    const std::atomic<bool>* m_cancel;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    Clock::time_point m_deadline;
    bool m_armed = false;
    bool m_fired = false;
    bool m_shutting_down = false;
    bool m_quit = false;
    std::thread m_thread;  // last: it starts running in the constructor
};

bool resolves(const std::string& host) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
    if (found) ::freeaddrinfo(found);
    return rc == 0;
}

// cpp-httplib reports a failed name lookup and a refused connection alike.
Failure connection_failure(const Url& url) {
    if (!resolves(url.host)) return {FailureKind::dns, "cannot resolve host \"" + url.host + "\""};
    return {FailureKind::refused, "connection refused"};
}

Failure classify(httplib::Error error, const Url& url) {
    using E = httplib::Error;
    switch (error) {
        case E::Connection:
            return connection_failure(url);
        case E::ConnectionTimeout:
            return {FailureKind::timeout, "connect timed out"};
        case E::Read:
            return {FailureKind::reset,
                    "connection closed or reset before the answer was complete"};
        case E::Write:
            return {FailureKind::reset, "connection closed or reset while sending"};
        case E::SSLConnection:
            return {FailureKind::tls, "TLS handshake failed"};
        case E::SSLServerVerification:
            return {FailureKind::tls,
                    "certificate verification failed (use --cacert FILE, or --insecure)"};
        case E::SSLLoadingCerts:
            return {FailureKind::tls, "cannot load the CA certificates"};
        default:
            return {FailureKind::other, httplib::to_string(error)};
    }
}

}  // namespace

std::string_view failure_name(FailureKind kind) {
    switch (kind) {
        case FailureKind::refused:
            return "refused";
        case FailureKind::reset:
            return "reset";
        case FailureKind::timeout:
            return "timeout";
        case FailureKind::dns:
            return "dns";
        case FailureKind::tls:
            return "tls";
        case FailureKind::interrupted:
            return "interrupted";
        case FailureKind::other:
            break;
    }
    return "other";
}

struct Client::Impl {
    ClientOptions options;
    httplib::Client transport;
    Watchdog watchdog;

    explicit Impl(const ClientOptions& o)
        : options(o), transport(o.url.origin()), watchdog([this] { transport.stop(); }, o.cancel) {
        transport.set_keep_alive(true);
        transport.set_tcp_nodelay(true);
        transport.set_follow_location(false);  // the platform retries a 3xx, it never follows it
        transport.set_decompress(false);       // no Accept-Encoding: the platform sends none
        transport.set_url_encode(false);       // the URL goes out as given: ?a=1,2 stays ?a=1,2
        transport.set_connection_timeout(o.timeout);
        transport.set_read_timeout(o.timeout);
        transport.set_write_timeout(o.timeout);
        if (o.url.https()) {
            transport.enable_server_certificate_verification(!o.insecure);
            if (!o.cacert.empty()) transport.set_ca_cert_path(o.cacert);
        }
    }

    bool cancelled() const { return options.cancel && options.cancel->load(); }
};

Client::Client(const ClientOptions& options) : m_impl(std::make_unique<Impl>(options)) {}
Client::~Client() = default;

Attempt Client::post(const Headers& headers, const std::string& body) {
    return exchange("POST", headers, body);
}

Attempt Client::get(const Headers& headers) { return exchange("GET", headers, {}); }

Attempt Client::exchange(const char* method, const Headers& headers, const std::string& body) {
    Impl& impl = *m_impl;
    const auto start = Clock::now();
    const auto deadline = start + impl.options.timeout;

    httplib::Request request;
    request.method = method;
    request.path = impl.options.url.target;
    for (const auto& [name, value] : headers) request.headers.emplace(name, value);
    request.body = body;
    Reply answer;
    // The body is drained (so the connection can be reused) but only its start is kept.
    request.content_receiver = [&](const char* data, std::size_t size, std::uint64_t,
                                   std::uint64_t) {
        std::size_t room = impl.options.keep_body - answer.body_start.size();
        answer.body_start.append(data, std::min(room, size));
        answer.body_size += size;
        return Clock::now() < deadline && !impl.cancelled();
    };

    httplib::Response response;
    httplib::Error error = httplib::Error::Success;
    if (impl.cancelled()) return {{}, Failure{FailureKind::interrupted, "interrupted"}, {}};
    impl.watchdog.arm(deadline);
    bool ok = impl.transport.send(request, response, error);
    bool shut_down = impl.watchdog.disarm();

    const auto end = Clock::now();
    Attempt attempt;
    attempt.latency = std::chrono::duration_cast<Latency>(end - start);
    if (impl.cancelled() && (!ok || shut_down))
        attempt.failure = Failure{FailureKind::interrupted, "interrupted"};
    else if (end >= deadline || shut_down)
        attempt.failure = Failure{FailureKind::timeout, "no complete answer within the timeout"};
    else if (!ok)
        attempt.failure = classify(error, impl.options.url);
    else {
        answer.status = response.status;
        answer.reason = response.reason;
        attempt.answer = std::move(answer);
    }
    return attempt;
}

}  // namespace flowhook::http
