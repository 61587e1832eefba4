#include "http/server.hpp"

#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <httplib.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "http/gatekeeper.hpp"
#include "http/worker_pool.hpp"

namespace flowhook::http {
namespace {

constexpr std::size_t k_max_requests_per_connection = 100000;
constexpr int k_listen_backlog = 1024;
constexpr int k_linger_ms = 2;  // a worker waits this long for a keep-alive client's next request

// The library's accept loop hands each socket to its task queue; process_and_close_socket
// (overridden below) passes it straight on to the gatekeeper, so the accept thread never waits
// on a client and the library's fixed pool of 8 threads is not used at all.
class InlineQueue : public httplib::TaskQueue {
public:
    void enqueue(std::function<void()> fn) override { fn(); }
    void shutdown() override {}
};

// The request a worker is answering, for the library's handlers running on the same thread.
struct Current {
    Request* request = nullptr;
    bool delivered = false;  // reached the delivery handler
    bool drop = false;
};
thread_local Current* t_current = nullptr;

// The library reads a canonical head from memory: the gatekeeper has already read, checked and
// decoded the real one and the body, so none of the library's parsing of hostile bytes runs.
// What the library writes is collected and sent in one piece.
class ConnectionStream : public httplib::Stream {
public:
    ConnectionStream(const Connection& connection, std::string head, const bool& drop)
        : m_connection(connection), m_head(std::move(head)), m_drop(drop) {}

    using httplib::Stream::write;
    bool is_readable() const override { return m_read < m_head.size(); }
    bool is_writable() const override { return !m_drop; }
    ssize_t read(char* ptr, size_t size) override {
        size = std::min(size, m_head.size() - m_read);
        std::memcpy(ptr, m_head.data() + m_read, size);
        m_read += size;
        return static_cast<ssize_t>(size);
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (m_drop) return -1;
        m_out.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = m_connection.remote.ip;
        port = m_connection.remote.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = m_connection.local.ip;
        port = m_connection.local.port;
    }
    socket_t socket() const override { return m_connection.fd; }

    // Sends the answer within `timeout`; false when the client would not take it.
    bool flush(std::chrono::milliseconds timeout) {
        auto deadline = Clock::now() + timeout;
        std::size_t sent = 0;
        while (sent < m_out.size()) {
            ssize_t n = ::send(m_connection.fd, m_out.data() + sent, m_out.size() - sent, MSG_NOSIGNAL);
            if (n > 0) {
                sent += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            pollfd pfd{m_connection.fd, POLLOUT, 0};
            if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) return false;
        }
        return true;
    }

private:
    const Connection& m_connection;
    std::string m_head;
    std::size_t m_read = 0;
    const bool& m_drop;
    std::string m_out;
};

std::string canonical_head(const ParsedRequest& request) {
    std::string head = request.method + " " + request.target + " " + request.version + "\r\n";
    if (!request.keep_alive)
        head += "Connection: close\r\n";
    else if (request.version == "HTTP/1.0")
        head += "Connection: Keep-Alive\r\n";
    return head + "Content-Length: 0\r\n\r\n";
}

std::string regex_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::strchr(".^$|()[]{}*+?\\", c)) out += '\\';
        out += c;
    }
    return out;
}

// Raises the soft limit on open files to the hard one and returns how many connections fit
// under it, so that a flood of connections meets the gatekeeper's eviction of the stalest
// one, not accept() failing with EMFILE.
std::size_t connection_budget(std::size_t wanted) {
    constexpr rlim_t k_reserve = 64;  // listening socket, epoll, record file, forwards, stdio
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > wanted + k_reserve) return wanted;
    return limit.rlim_cur > 2 * k_reserve ? static_cast<std::size_t>(limit.rlim_cur - k_reserve)
                                          : static_cast<std::size_t>(k_reserve);
}

std::string error_body(int status) {
    return "{\"status\":" + std::to_string(status) + ",\"error\":\"" + reason_phrase(status) + "\"}\n";
}

}  // namespace

class Core : public httplib::Server {
public:
    explicit Core(Gatekeeper& gatekeeper) : m_gatekeeper(gatekeeper) {}
    using httplib::Server::process_request;
    void set_backlog() { ::listen(svr_sock_, k_listen_backlog); }

private:
    bool process_and_close_socket(socket_t sock) override {
        m_gatekeeper.admit(sock);
        return true;
    }
    Gatekeeper& m_gatekeeper;
};

struct Server::Impl {
    Impl(ServerOptions server_options, Handler request_handler, RefusalHandler refusal_handler)
        : options(std::move(server_options)), handler(std::move(request_handler)),
          refused(std::move(refusal_handler)), workers(options.max_workers),
          gatekeeper(GateOptions{options.limits, options.read_timeout,
                                 connection_budget(options.max_connections)},
                     [this](std::unique_ptr<Connection> c, ParsedRequest r) { dispatch(std::move(c), std::move(r)); },
                     [this](const GateRefusal& g) { if (refused) refused({g.status, g.reason, g.remote}); }),
          core(gatekeeper) {}

    void configure();
    void dispatch(std::unique_ptr<Connection> connection, ParsedRequest parsed);
    void serve(std::unique_ptr<Connection> connection, ParsedRequest parsed);
    // Answers one request; false when the connection must then be closed.
    bool answer(Connection& connection, ParsedRequest parsed);
    // The connection's next request, when it is complete within a moment.
    std::optional<ParsedRequest> next_request(Connection& connection);
    void deliver(httplib::Response& response);

    ServerOptions options;
    Handler handler;
    RefusalHandler refused;
    WorkerPool workers;
    Gatekeeper gatekeeper;
    Core core;
    std::mutex stop_mutex;
    std::condition_variable stop_requested;
    bool stopping = false;  // guarded by stop_mutex
    std::atomic<bool> closing{false};
};

}  // namespace flowhook::http

namespace flowhook::http {

void Server::Impl::configure() {
    std::string pattern = options.path ? regex_escape(*options.path) : std::string(".*");
    core.Post(pattern, [this](const httplib::Request&, httplib::Response& res) { deliver(res); });
    auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
        res.status = 405;
        res.set_header("Allow", "POST");
    };
    core.Get(pattern, not_allowed);
    core.Put(pattern, not_allowed);
    core.Patch(pattern, not_allowed);
    core.Delete(pattern, not_allowed);
    core.Options(pattern, not_allowed);
    // Called for every answer >= 400, the handler's too; only the library's own are refusals.
    core.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
        if (t_current && !t_current->delivered && refused)
            refused({res.status, reason_phrase(res.status), t_current->request->remote});
        if (res.body.empty()) res.set_content(error_body(res.status), "application/json");
    });
    core.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content(error_body(500), "application/json");
    });
    // SO_REUSEPORT (the library's default) would let a second listener share the port.
    core.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    core.new_task_queue = [] { return new InlineQueue; };
    core.set_keep_alive_max_count(k_max_requests_per_connection);
    core.set_keep_alive_timeout(std::max<time_t>(1, options.read_timeout.count() / 1000));
    core.set_payload_max_length(options.limits.max_body);
}

void Server::Impl::dispatch(std::unique_ptr<Connection> connection, ParsedRequest parsed) {
    // std::function must be copyable: the job owns the connection through a released pointer
    // and always runs, even during shutdown.
    Connection* owned = connection.release();
    auto request = std::make_shared<ParsedRequest>(std::move(parsed));
    workers.submit([this, owned, request] { serve(std::unique_ptr<Connection>(owned), std::move(*request)); });
}

void Server::Impl::serve(std::unique_ptr<Connection> connection, ParsedRequest parsed) {
    for (;;) {
        if (!answer(*connection, std::move(parsed))) {
            connection.reset();
            gatekeeper.closed();
            return;
        }
        std::optional<ParsedRequest> next = next_request(*connection);
        if (!next) break;
        parsed = std::move(*next);
    }
    gatekeeper.give_back(std::move(connection));
}

bool Server::Impl::answer(Connection& connection, ParsedRequest parsed) {
    bool close = closing || !parsed.keep_alive ||
                 ++connection.served >= k_max_requests_per_connection;
    std::string head = canonical_head(parsed);
    Request request{std::move(parsed.method), std::move(parsed.target), std::move(parsed.version),
                    connection.remote.text(), std::move(parsed.headers), std::move(parsed.body),
                    std::chrono::system_clock::now()};
    Current current{&request};
    ConnectionStream stream(connection, std::move(head), current.drop);
    bool closed_by_client = false;
    t_current = &current;
    bool ok = core.process_request(stream, close, closed_by_client, nullptr);
    t_current = nullptr;
    ok = ok && !current.drop && stream.flush(options.write_timeout);
    return ok && !close && !closed_by_client && !closing;
}

std::optional<ParsedRequest> Server::Impl::next_request(Connection& connection) {
    // A busy keep-alive client sends its next request right after reading the answer: taking
    // it here spares two thread hand-offs and four syscalls. Anything short of a complete
    // request (silence, a partial or refused one) goes back to the gatekeeper, which owns the
    // deadlines and the error answers.
    if (connection.input.empty()) {
        pollfd pfd{connection.fd, POLLIN, 0};
        if (::poll(&pfd, 1, k_linger_ms) <= 0 || !(pfd.revents & POLLIN)) return std::nullopt;
        char buffer[16 * 1024];
        ssize_t n = ::recv(connection.fd, buffer, sizeof buffer, 0);
        if (n <= 0) return std::nullopt;  // the gatekeeper sees the end or the error again
        connection.input.append(buffer, static_cast<std::size_t>(n));
    }
    if (connection.parser.feed(connection.input) != Progress::complete) return std::nullopt;
    return connection.parser.take();
}

void Server::Impl::deliver(httplib::Response& response) {
    Current& current = *t_current;
    current.delivered = true;
    Answer answer = handler(*current.request);
    if (answer.drop) {
        current.drop = true;
        return;
    }
    response.status = answer.status;
    for (const Header& header : answer.headers) response.set_header(header.first, header.second);
    response.set_content(answer.body, answer.content_type);
}

Server::Server(ServerOptions options, Handler handler, RefusalHandler refused)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(refused))) {
    m_impl->configure();
}

Server::~Server() = default;

int Server::bind() {
    const ServerOptions& options = m_impl->options;
    errno = 0;
    int port = options.port == 0 ? m_impl->core.bind_to_any_port(options.host)
                                 : (m_impl->core.bind_to_port(options.host, options.port) ? options.port : -1);
    if (port < 0) {
        std::string why = errno ? std::string(": ") + std::strerror(errno) : std::string();
        throw BindError("cannot listen on " + options.host + ":" + std::to_string(options.port) + why);
    }
    m_impl->core.set_backlog();
    return port;
}

void Server::run() {
    Impl& impl = *m_impl;
    impl.gatekeeper.start();
    std::atomic<bool> accepting{true};
    std::thread acceptor([&] {
        impl.core.listen_after_bind();
        accepting = false;
        {
            std::lock_guard lock(impl.stop_mutex);  // also when accepting failed on its own
            impl.stopping = true;
        }
        impl.stop_requested.notify_all();
    });
    {
        std::unique_lock lock(impl.stop_mutex);
        impl.stop_requested.wait(lock, [&] { return impl.stopping; });
    }
    impl.closing = true;
    // The library ignores stop() until its accept loop runs; stop() twice would assert.
    while (accepting) {
        if (impl.core.is_running()) {
            impl.core.stop();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    acceptor.join();
    impl.gatekeeper.stop();  // requests still arriving are cut; complete ones are with the workers
    impl.workers.shutdown();  // every request already received is answered
}

void Server::stop() {
    std::lock_guard lock(m_impl->stop_mutex);
    m_impl->stopping = true;
    m_impl->stop_requested.notify_all();
}

}  // namespace flowhook::http
