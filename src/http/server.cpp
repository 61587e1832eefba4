#include "http/server.hpp"

#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

#include "http/content_coding.hpp"
#include "http/gatekeeper.hpp"
#include "http/worker_pool.hpp"
#include "platform/platform.hpp"
#include "util/limits.hpp"

namespace flowhook::http {
namespace {

constexpr std::size_t k_max_requests_per_connection = 100000;
constexpr int k_listen_backlog = 1024;
// A body larger than this, or one with a content coding (a few kilobytes of gzip can inflate to
// the whole --max-body), may take more than a moment to decode, check and record.
constexpr std::size_t k_costly_body = 64 * 1024;
constexpr int k_linger_ms = 2;  // a worker waits this long for a keep-alive client's next request
constexpr auto k_spin = std::chrono::microseconds(50);  // of it, without sleeping (see read_soon)
// A sched_yield that returns later than this let another thread run a while: the CPU is not
// the worker's alone. After a few such turns in a row the worker stops spinning for a while.
constexpr auto k_yield_alone = std::chrono::microseconds(20);
constexpr int k_max_strikes = 3;
constexpr auto k_spin_pause = std::chrono::milliseconds(100);
// Of the worker thread: when it may spin again, and its long yields in a row.
thread_local Clock::time_point t_spin_paused_until;
thread_local int t_strikes = 0;

// How a request is answered. The worker routes it and writes the answer itself, with one
// send().
enum class Route { deliver, not_allowed, not_found, bad_method };

// CONNECT, TRACE, PRI and unknown methods: 400, whatever the path.
bool routable_method(std::string_view method) {
    for (std::string_view known : {"POST", "GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"})
        if (method == known) return true;
    return false;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The target's path with %XX decoded, as it is matched against --path.
std::string decoded_path(std::string_view target) {
    target = target.substr(0, target.find('?'));
    std::string path;
    path.reserve(target.size());
    for (std::size_t i = 0; i < target.size(); ++i) {
        if (target[i] == '%' && i + 2 < target.size() && hex_digit(target[i + 1]) >= 0 &&
            hex_digit(target[i + 2]) >= 0) {
            path += static_cast<char>(hex_digit(target[i + 1]) * 16 + hex_digit(target[i + 2]));
            i += 2;
        } else {
            path += target[i];
        }
    }
    return path;
}

bool under(std::string_view path, std::string_view prefix) {
    return path.substr(0, prefix.size()) == prefix && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

Route route_of(const ParsedRequest& request, const std::optional<std::string>& only_path) {
    if (!routable_method(request.method)) return Route::bad_method;
    if (only_path && decoded_path(request.target) != *only_path) return Route::not_found;
    return request.method == "POST" ? Route::deliver : Route::not_allowed;
}

std::string error_body(int status) {
    return "{\"status\":" + std::to_string(status) + ",\"error\":\"" + reason_phrase(status) + "\"}\n";
}

// The whole answer, head and body, in one buffer; an error without a body of its own gets the
// short JSON one.
std::string answer_text(const Answer& answer, bool close, bool head_only, const std::string& keep_alive) {
    bool default_body = answer.status >= 400 && answer.body.empty();
    std::string fallback = default_body ? error_body(answer.status) : std::string();
    const std::string& body = default_body ? fallback : answer.body;
    std::string_view content_type = default_body ? std::string_view("application/json") : answer.content_type;
    std::string text;
    text.reserve(160 + body.size());
    text += "HTTP/1.1 ";
    text += std::to_string(answer.status);
    text += ' ';
    text += reason_phrase(answer.status);
    text += "\r\n";
    for (const Header& header : answer.headers) text += header.first + ": " + header.second + "\r\n";
    text += close ? std::string_view("Connection: close\r\n") : std::string_view(keep_alive);
    text += "Content-Length: ";
    text += std::to_string(body.size());
    text += "\r\n";
    if (!body.empty() || !content_type.empty()) {
        text += "Content-Type: ";
        text += content_type;
        text += "\r\n";
    }
    text += "\r\n";
    if (!head_only) text += body;
    return text;
}

// The head of an event stream: no length, the body runs until the connection closes.
std::string stream_head(const Answer& answer) {
    std::string text = "HTTP/1.1 " + std::to_string(answer.status) + ' ' + reason_phrase(answer.status) + "\r\n";
    for (const Header& header : answer.headers) text += header.first + ": " + header.second + "\r\n";
    text += "Content-Type: " + answer.content_type + "\r\nConnection: close\r\n\r\n";
    return text;
}

// Sends all of `data` within `timeout`; false when the client would not take it.
bool send_all(int fd, std::string_view data, std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = platform::send_data(fd, data.data() + sent, data.size() - sent);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd pfd{fd, POLLOUT, 0};
        WorkerPool::Blocking waiting_for_the_client;
        if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) return false;
    }
    return true;
}

// Raises the soft limit on open files to the hard one and returns how many connections fit
// under it, so that a flood of connections meets the gatekeeper's eviction of the stalest
// one, not accept() failing with EMFILE.
bool is_costly(const ParsedRequest& request) {
    if (request.body.size() > k_costly_body) return true;
    const std::string* coding = request.header("Content-Encoding");
    return coding && is_encoded(*coding);
}

std::size_t cores() { return std::max(1u, std::thread::hardware_concurrency()); }

std::size_t connection_budget(std::size_t wanted) {
    constexpr std::uint64_t k_reserve = 64;  // listening socket, poller, record file, forwards, stdio
    util::OpenFilesLimit limit = util::raise_open_files_limit();
    if (limit.soft == 0 || limit.unlimited || limit.soft > wanted + k_reserve) return wanted;
    return limit.soft > 2 * k_reserve ? static_cast<std::size_t>(limit.soft - k_reserve)
                                      : static_cast<std::size_t>(k_reserve);
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions server_options, Handler request_handler, RefusalHandler refusal_handler)
        : options(std::move(server_options)), handler(std::move(request_handler)),
          refused(std::move(refusal_handler)), workers(options.max_workers),
          costly_workers(options.max_workers, cores()),
          gatekeeper(GateOptions{options.limits, options.read_timeout,
                                 connection_budget(options.max_connections), options.authorized,
                                 options.challenge},
                     [this](std::unique_ptr<Connection> c, ParsedRequest r) { dispatch(std::move(c), std::move(r)); },
                     [this](const GateRefusal& g) { if (refused) refused({g.status, g.reason, g.remote}); }) {}
    ~Impl() {
        if (listener >= 0) ::close(listener);
    }

    void configure();
    // Hands every connection that arrives to the gatekeeper until stop() rings `stop_bell`.
    void accept_until_stopped();
    // Hands a complete request to a worker of its lane.
    void dispatch(std::unique_ptr<Connection> connection, ParsedRequest parsed);
    // Answers the connection's requests on `lane`'s thread while they come at once.
    void serve(WorkerPool& lane, std::unique_ptr<Connection> connection, ParsedRequest parsed);
    // One request's answer on its connection, sent once.
    struct Reply {
        Connection& connection;
        bool close;      // the answer says "Connection: close"
        bool head_only;  // HEAD: no body
        bool sent = false;
        bool keep_open = false;  // once sent: whether the connection takes another request
    };
    // Answers one request; false when the connection must then be closed.
    bool answer(Connection& connection, ParsedRequest parsed);
    // Sends `answer` (or drops the connection); whether the connection stays open.
    bool send(Reply& reply, const Answer& answer);
    // The connection's next request, when it is complete within a moment.
    std::optional<ParsedRequest> next_request(WorkerPool& lane, Connection& connection);
    // Reads what the client sends within a moment; false on silence, its end or an error.
    bool read_soon(Connection& connection);
    // Whether read_soon may wait for the next request without sleeping.
    bool may_spin() const;
    // Runs the handler, which may answer before it returns; whether the connection stays open.
    bool deliver(Reply& reply, ParsedRequest& parsed);
    // Answers a body that could not be decoded (413, 415, 400) and closes the connection.
    bool refuse_body(Reply& reply, const Decoded& decoded);
    // Answers a request under the reserved prefix; false when the connection must be closed
    // (or was handed to an event stream).
    bool serve_reserved(Reply& reply, ParsedRequest& parsed);

    ServerOptions options;
    Handler handler;
    RefusalHandler refused;
    // Two lanes, so that however many costly deliveries arrive at once, an ordinary one never
    // waits behind them: costly ones (is_costly) compute at most one per core, and the OS
    // shares the CPU between them and the ordinary lane's threads.
    WorkerPool workers;
    WorkerPool costly_workers;
    Gatekeeper gatekeeper;
    int listener = -1;
    platform::Wakeup stop_bell;
    std::atomic<bool> closing{false};
    std::atomic<int> serving{0};  // connections with a worker
    std::string keep_alive;  // the Keep-Alive header of answers on connections kept open
    std::string reserved_prefix;  // empty: nothing reserved
    Handler reserved_handler;
};

}  // namespace flowhook::http

namespace flowhook::http {

void Server::Impl::configure() {
    keep_alive = "Keep-Alive: timeout=" + std::to_string(std::max<long>(1, options.read_timeout.count() / 1000)) +
                 ", max=" + std::to_string(k_max_requests_per_connection) + "\r\n";
}

void Server::Impl::dispatch(std::unique_ptr<Connection> connection, ParsedRequest parsed) {
    // std::function must be copyable: the job owns the connection through a released pointer
    // and always runs, even during shutdown.
    Connection* owned = connection.release();
    auto request = std::make_shared<ParsedRequest>(std::move(parsed));
    WorkerPool& lane = is_costly(*request) ? costly_workers : workers;
    lane.submit([this, &lane, owned, request] {
        serve(lane, std::unique_ptr<Connection>(owned), std::move(*request));
    });
}

void Server::Impl::serve(WorkerPool& lane, std::unique_ptr<Connection> connection, ParsedRequest parsed) {
    serving.fetch_add(1, std::memory_order_relaxed);
    enum class Next { give_back, close, other_lane } next = Next::give_back;
    for (;;) {
        if (!answer(*connection, std::move(parsed))) {
            next = Next::close;
            break;
        }
        std::optional<ParsedRequest> request = next_request(lane, *connection);
        if (!request) break;
        parsed = std::move(*request);
        if (&lane == &workers && is_costly(parsed)) {
            next = Next::other_lane;
            break;
        }
    }
    serving.fetch_sub(1, std::memory_order_relaxed);
    switch (next) {
        case Next::give_back: gatekeeper.give_back(std::move(connection)); break;
        case Next::other_lane: dispatch(std::move(connection), std::move(parsed)); break;
        case Next::close:
            connection.reset();
            gatekeeper.closed();
            break;
    }
}

bool Server::Impl::answer(Connection& connection, ParsedRequest parsed) {
    Reply reply{connection, closing || !parsed.keep_alive || ++connection.served >= k_max_requests_per_connection,
                parsed.method == "HEAD"};
    if (!reserved_prefix.empty() && under(decoded_path(parsed.target), reserved_prefix))
        return serve_reserved(reply, parsed);
    Route route = route_of(parsed, options.path);
    if (route == Route::deliver) return deliver(reply, parsed);
    Answer answer;
    answer.status = route == Route::not_found ? 404 : route == Route::not_allowed ? 405 : 400;
    if (route == Route::not_allowed) answer.headers.emplace_back("Allow", "POST");
    if (refused) refused({answer.status, reason_phrase(answer.status), connection.remote.text()});
    return send(reply, answer);
}

bool Server::Impl::send(Reply& reply, const Answer& answer) {
    reply.sent = true;
    reply.keep_open = !answer.drop &&
                      send_all(reply.connection.fd, answer_text(answer, reply.close, reply.head_only, keep_alive),
                               options.write_timeout) &&
                      !reply.close && !closing;
    return reply.keep_open;
}

bool Server::Impl::deliver(Reply& reply, ParsedRequest& parsed) {
    std::string encoding;
    if (const std::string* coding = parsed.header("Content-Encoding"); coding && is_encoded(*coding))
        encoding = *coding;
    std::string raw;
    if (!encoding.empty()) {
        // Decoded here, on a worker, so that the gatekeeper's thread never inflates a body.
        Decoded decoded = decode_content(encoding, parsed.body, options.limits.max_body);
        if (decoded.outcome != Decoded::Outcome::ok) return refuse_body(reply, decoded);
        raw = std::exchange(parsed.body, std::move(decoded.body));
    }
    Request request{std::move(parsed.method), std::move(parsed.target), std::move(parsed.version),
                    reply.connection.remote.text(), std::move(parsed.headers), std::move(parsed.body),
                    std::move(encoding), std::move(raw), std::chrono::system_clock::now(), {}};
    // Two pointers: std::function keeps them in place, without allocating.
    request.answer_now = [&reply, this](const Answer& answer) {
        if (!reply.sent) send(reply, answer);
    };
    Answer answer;
    try {
        answer = handler(request);
    } catch (...) {
        answer = Answer{};
        answer.status = 500;
    }
    return reply.sent ? reply.keep_open : send(reply, answer);
}

bool Server::Impl::refuse_body(Reply& reply, const Decoded& decoded) {
    std::vector<Header> headers;
    if (decoded.status() == 415) headers.emplace_back("Accept-Encoding", k_accepted_encodings);
    if (refused) refused({decoded.status(), decoded.reason, reply.connection.remote.text()});
    reply.sent = true;
    reply.keep_open = false;
    send_all(reply.connection.fd, error_response(decoded.status(), decoded.reason, headers), options.write_timeout);
    return false;
}

bool Server::Impl::serve_reserved(Reply& reply, ParsedRequest& parsed) {
    Request request;
    request.method = std::move(parsed.method);
    request.target = std::move(parsed.target);
    request.version = std::move(parsed.version);
    request.remote = reply.connection.remote.text();
    request.headers = std::move(parsed.headers);
    request.body = std::move(parsed.body);
    request.received = std::chrono::system_clock::now();
    Answer answer;
    try {
        answer = reserved_handler(request);
    } catch (...) {
        answer = Answer{};
        answer.status = 500;
    }
    if (!answer.adopt) return send(reply, answer);
    reply.sent = true;
    reply.keep_open = false;
    if (reply.head_only || closing || !send_all(reply.connection.fd, stream_head(answer), options.write_timeout)) {
        answer.adopt(-1);
        return false;
    }
    int fd = reply.connection.fd;
    reply.connection.fd = -1;  // the stream owns the socket now; the Connection closes nothing
    answer.adopt(fd);
    return false;
}

std::optional<ParsedRequest> Server::Impl::next_request(WorkerPool& lane, Connection& connection) {
    // A busy keep-alive client sends its next request right after reading the answer: taking
    // it here spares two thread hand-offs and four syscalls. Anything short of a complete
    // request (silence, a partial or refused one) goes back to the gatekeeper, which owns the
    // deadlines and the error answers. Not while other connections' requests wait for a
    // worker, though: they go first.
    if (connection.input.empty() && (lane.busy() || !read_soon(connection))) return std::nullopt;
    if (connection.parser.feed(connection.input) != Progress::complete) return std::nullopt;
    return connection.parser.take();
}

bool Server::Impl::read_soon(Connection& connection) {
    char buffer[16 * 1024];
    if (may_spin()) {
        // Look again and again for a moment before sleeping: on a virtual machine the wake-up
        // of a sleeping thread costs a one-connection client tens of microseconds per request.
        // Only while this CPU is otherwise idle: once a yield lets another thread run, sleeping
        // is better, because a thread woken by its request preempts what runs while one that is
        // merely runnable waits for its turn (a full time slice per request behind a busy
        // process, measured). So a long yield ends the spin, and a few in a row pause spinning.
        auto until = Clock::now() + k_spin;
        for (;;) {
            ssize_t n = ::recv(connection.fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                connection.input.append(buffer, static_cast<std::size_t>(n));
                t_strikes = 0;
                return true;
            }
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) return false;
            auto before = Clock::now();
            if (before >= until) break;
            ::sched_yield();
            if (Clock::now() - before > k_yield_alone) {
                if (++t_strikes >= k_max_strikes) {
                    t_strikes = 0;
                    t_spin_paused_until = Clock::now() + k_spin_pause;
                }
                break;
            }
        }
    }
    pollfd pfd{connection.fd, POLLIN, 0};
    if (::poll(&pfd, 1, k_linger_ms) <= 0 || !(pfd.revents & POLLIN)) return false;
    ssize_t n = ::recv(connection.fd, buffer, sizeof buffer, 0);
    if (n <= 0) return false;  // the gatekeeper sees the end or the error again
    connection.input.append(buffer, static_cast<std::size_t>(n));
    return true;
}

bool Server::Impl::may_spin() const {
    // With more connections in service the CPU has better things to do than wait for one.
    return serving.load(std::memory_order_relaxed) == 1 && Clock::now() >= t_spin_paused_until;
}

Server::Server(ServerOptions options, Handler handler, RefusalHandler refused)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(refused))) {
    m_impl->configure();
}

Server::~Server() = default;

void Server::reserve(std::string prefix, Handler handler) {
    m_impl->reserved_prefix = std::move(prefix);
    m_impl->reserved_handler = std::move(handler);
}

int Server::bind() {
    const ServerOptions& options = m_impl->options;
    std::string why;
    m_impl->listener = platform::listen_tcp(options.host, options.port, k_listen_backlog, why);
    if (m_impl->listener < 0)
        throw BindError("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + why);
    return platform::local_port(m_impl->listener);
}

void Server::Impl::accept_until_stopped() {
    pollfd fds[2] = {{listener, POLLIN, 0}, {stop_bell.fd(), POLLIN, 0}};
    for (;;) {
        if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
        if (fds[1].revents) return;
        // Every connection waiting, in one go: the accepting thread never waits on a client.
        for (int fd; (fd = platform::accept_connection(listener)) >= 0;) gatekeeper.admit(fd);
        if (errno == EMFILE || errno == ENFILE) {
            // Out of descriptors: the gatekeeper evicts the stalest connection as they are
            // given back; meanwhile the waiting ones stay in the backlog.
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
}

void Server::run() {
    Impl& impl = *m_impl;
    impl.gatekeeper.start();
    impl.accept_until_stopped();
    impl.closing = true;
    impl.gatekeeper.stop();  // requests still arriving are cut; complete ones are with the workers
    impl.workers.shutdown();  // every request already received is answered
    impl.costly_workers.shutdown();  // after: an ordinary lane's connection may hand one on
}

void Server::stop() { m_impl->stop_bell.signal(); }

}  // namespace flowhook::http
