#include "http/gatekeeper.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

#include "http/server.hpp"
#include "platform/platform.hpp"

namespace flowhook::http {
namespace {

constexpr std::size_t k_read_size = 64 * 1024;
// After an error answer, what the client still sends is read and dropped for a moment, so
// that closing does not reset the connection before the client has read the answer.
constexpr auto k_drain_time = std::chrono::seconds(1);
constexpr std::size_t k_max_drain = 4 * 1024 * 1024;

Endpoint endpoint_of(const sockaddr_storage& address) {
    Endpoint endpoint;
    char text[INET6_ADDRSTRLEN] = "";
    if (address.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
        ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        endpoint.port = ntohs(v4.sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
        ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        endpoint.port = ntohs(v6.sin6_port);
    }
    endpoint.ip = text;
    return endpoint;
}

template <typename Get>
Endpoint endpoint(int fd, Get get) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (get(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return {};
    return endpoint_of(address);
}

std::string json_escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::string Endpoint::text() const {
    std::string port_text = std::to_string(port);
    return ip.find(':') != std::string::npos ? "[" + ip + "]:" + port_text : ip + ":" + port_text;
}

Connection::Connection(int socket, const RequestLimits& limits)
    : fd(socket), remote(endpoint(socket, ::getpeername)), local(endpoint(socket, ::getsockname)),
      parser(limits) {}

Connection::~Connection() {
    if (fd >= 0) ::close(fd);
}

const char* reason_phrase(int status) {
    switch (status) {
        case 100: return "Continue";
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 303: return "See Other";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 410: return "Gone";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        case 505: return "HTTP Version Not Supported";
        default: return "Status";
    }
}

std::string error_response(int status, const std::string& reason, const std::vector<Header>& headers) {
    std::string body = "{\"status\":" + std::to_string(status) + ",\"error\":\"" +
                       json_escaped(reason) + "\"}\n";
    std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    for (const Header& header : headers) head += header.first + ": " + header.second + "\r\n";
    return head + "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

Gatekeeper::Gatekeeper(GateOptions options, Dispatch dispatch, Refused refused)
    : m_options(options), m_dispatch(std::move(dispatch)), m_refused(std::move(refused)),
      m_poller(std::make_unique<platform::Poller>()) {}

Gatekeeper::~Gatekeeper() { stop(); }

void Gatekeeper::start() { m_thread = std::thread([this] { loop(); }); }

void Gatekeeper::admit(int fd) {
    {
        std::lock_guard lock(m_inbox_mutex);
        if (!m_stopping) {
            bool wake = m_returned.empty() && m_admitted.empty();
            m_admitted.push_back(fd);
            ++m_open;
            if (wake) m_poller->wake();
            return;
        }
    }
    ::close(fd);
}

void Gatekeeper::give_back(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(m_inbox_mutex);
        if (!m_stopping) {
            // One wake-up for many: at a thousand busy connections a write per connection
            // given back was the gatekeeper's busiest system call.
            bool wake = m_returned.empty() && m_admitted.empty();
            m_returned.push_back(std::move(connection));
            if (wake) m_poller->wake();
            return;
        }
    }
    connection.reset();
    --m_open;
}

void Gatekeeper::stop() {
    {
        std::lock_guard lock(m_inbox_mutex);
        m_stopping = true;
    }
    m_quit = true;
    m_poller->wake();
    if (m_thread.joinable()) m_thread.join();
    m_connections.clear();
    m_deadlines.clear();
    for (int fd : m_admitted) ::close(fd);
    m_admitted.clear();
    m_returned.clear();
}

void Gatekeeper::loop() {
    std::vector<int> ready;
    std::vector<char> scratch(k_read_size);
    m_scratch = &scratch;
    while (!m_quit) {
        if (m_poller->wait(wait_ms(), ready)) take_inbox();
        for (int fd : ready) on_readable(fd);
        auto now = Clock::now();
        if (!m_deadlines.empty() && now >= m_deadlines.begin()->first) expire(now);
    }
}

int Gatekeeper::wait_ms() const {
    // Sleep until the earliest deadline, never busy: with no connection there is nothing to
    // time out, and rounding up keeps a wait under 1 ms from becoming a spin of zero waits.
    if (m_deadlines.empty()) return -1;
    auto left = m_deadlines.begin()->first - Clock::now();
    if (left <= Clock::duration::zero()) return 0;
    auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    return static_cast<int>(std::min<long long>(ms, 60 * 60 * 1000));
}

void Gatekeeper::set_deadline(Connection& connection, Clock::time_point deadline) {
    forget_deadline(connection);
    connection.deadline = deadline;
    m_deadlines.emplace(deadline, connection.fd);
}

void Gatekeeper::forget_deadline(const Connection& connection) {
    m_deadlines.erase({connection.deadline, connection.fd});
}

void Gatekeeper::take_inbox() {
    std::vector<int> admitted;
    std::vector<std::unique_ptr<Connection>> returned;
    {
        std::lock_guard lock(m_inbox_mutex);
        admitted.swap(m_admitted);
        returned.swap(m_returned);
    }
    for (int fd : admitted) open(fd);
    for (auto& connection : returned) resume(std::move(connection));
}

void Gatekeeper::open(int fd) {
    if (m_open > m_options.max_connections) evict_stalest();
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto connection = std::make_unique<Connection>(fd, m_options.limits);
    set_deadline(*connection, Clock::now() + m_options.read_timeout);
    m_connections[fd] = std::move(connection);
    watch(fd);
}

void Gatekeeper::resume(std::unique_ptr<Connection> connection) {
    int fd = connection->fd;
    // A pipelined request already arrived, or the worker's parser took its head already.
    connection->reading = !connection->input.empty() || connection->parser.started();
    set_deadline(*connection, Clock::now() + m_options.read_timeout);
    m_connections[fd] = std::move(connection);
    watch(fd);
    // A worker may have read the start of the next request, or a request it could not take; a
    // head it parsed may wait for "100 Continue", which only advance() sends.
    if (m_connections[fd]->reading || m_connections[fd]->parser.refused()) advance(fd);
}

void Gatekeeper::on_readable(int fd) {
    auto it = m_connections.find(fd);
    if (it == m_connections.end()) return;
    Connection& connection = *it->second;
    ssize_t n = ::recv(fd, m_scratch->data(), m_scratch->size(), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) return close(fd);
    if (connection.draining) {
        connection.drained += static_cast<std::size_t>(n);
        if (connection.drained > k_max_drain) close(fd);
        return;
    }
    if (!connection.reading) {
        connection.reading = true;
        set_deadline(connection, Clock::now() + m_options.read_timeout);
    }
    std::string_view bytes(m_scratch->data(), static_cast<std::size_t>(n));
    if (connection.input.empty()) bytes = connection.parser.take_body_bytes(bytes);
    connection.input.append(bytes);
    advance(fd);
}

void Gatekeeper::advance(int fd) {
    auto it = m_connections.find(fd);
    Connection& connection = *it->second;
    Progress progress = connection.parser.feed(connection.input);
    if (progress == Progress::refused)
        return refuse(connection, connection.parser.refusal_status(), connection.parser.refusal_reason());
    if (progress == Progress::need_more) {
        if (connection.parser.take_continue_request()) {
            // A client that waits before sending its body learns at once that it would be
            // refused: no body is read for nothing (RFC 9110, 10.1.1).
            if (m_options.authorized && !m_options.authorized(connection.parser.head().header("Authorization")))
                return refuse(connection, 401, "missing or wrong credentials",
                              {{"WWW-Authenticate", m_options.challenge}});
            static constexpr char k_continue[] = "HTTP/1.1 100 Continue\r\n\r\n";
            [[maybe_unused]] auto sent = platform::send_data(fd, k_continue, sizeof k_continue - 1);
        }
        return;
    }
    m_poller->unwatch(fd);
    std::unique_ptr<Connection> owned = std::move(it->second);
    m_connections.erase(it);
    forget_deadline(*owned);
    ParsedRequest request = owned->parser.take();
    m_dispatch(std::move(owned), std::move(request));
}

void Gatekeeper::refuse(Connection& connection, int status, const std::string& reason,
                        const std::vector<Header>& headers) {
    if (m_refused) m_refused({status, reason, connection.remote.text()});
    std::string response = error_response(status, reason, headers);
    [[maybe_unused]] auto sent = platform::send_data(connection.fd, response.data(), response.size());
    ::shutdown(connection.fd, SHUT_WR);
    connection.draining = true;
    set_deadline(connection, Clock::now() + k_drain_time);
    connection.input = std::string();
    connection.parser = RequestParser(m_options.limits);
}

void Gatekeeper::expire(Clock::time_point now) {
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        int fd = m_deadlines.begin()->second;
        Connection& connection = *m_connections.at(fd);
        if (connection.reading && !connection.draining) {
            refuse(connection, 408, "request not complete within the read timeout");  // a later deadline
        } else {
            close(fd);
        }
    }
}

void Gatekeeper::evict_stalest() {
    if (!m_deadlines.empty()) close(m_deadlines.begin()->second);
}

void Gatekeeper::close(int fd) {
    m_poller->unwatch(fd);
    auto it = m_connections.find(fd);
    if (it == m_connections.end()) return;
    forget_deadline(*it->second);
    m_connections.erase(it);
    --m_open;
}

void Gatekeeper::watch(int fd) { m_poller->watch(fd); }

}  // namespace flowhook::http
