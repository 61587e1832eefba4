#include "http/client.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <system_error>

#include "http/transport.hpp"
#include "util/text.hpp"

// Why the client reads answers itself: cpp-httplib 0.11.4's reader skips only "100 Continue",
// so a receiver's "103 Early Hints" became the final answer (and the real one its body, or a
// hang until the timeout). Like Go's net/http (readResponse loops while 100 <= code < 200, 101
// aside) and curl (which drops a 1xx header block and waits for the next), this reader drops
// every interim answer's head and reads on until a final one.

namespace flowhook::http {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t k_max_head = 64 * 1024;     // status line and headers of one answer
constexpr std::size_t k_shown_bytes = 48;         // of a malformed answer, in its detail

// The first bytes of `text` on one line, control characters and stray bytes escaped.
std::string shown(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < k_shown_bytes; ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '"' || c == '\\')
            (out += '\\') += static_cast<char>(c);
        else if (c >= 0x20 && c < 0x7f)
            out += static_cast<char>(c);
        else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            out += escaped;
        }
    }
    if (text.size() > k_shown_bytes) out += "...";
    return "\"" + out + "\"";
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool contains_token(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        std::size_t comma = list.find(',');
        if (util::iequals(trim(list.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

// Reads one answer from a connection: interim answers dropped, the body drained.
class AnswerReader {
  public:
    AnswerReader(ClientSocket& connection, Deadline deadline, const ClientOptions& options)
        : m_connection(connection), m_deadline(deadline), m_options(options) {}

    // The final answer, or why there is none; `reusable` says whether the connection may
    // carry the next request.
    std::optional<Failure> read(Reply& reply, bool& reusable) {
        for (;;) {
            if (auto failure = read_head(reply)) return failure;
            if (reply.status < 100 || reply.status >= 200 || reply.status == 101) break;
            // An interim answer: dropped, the final one follows.
        }
        // No Upgrade was asked for: a 101 would switch to a protocol nobody agreed on.
        if (reply.status == 101) return malformed("101 Switching Protocols, unasked");
        reusable = m_keep_alive && m_options.keep_alive;
        if (reply.status == 204 || reply.status == 304) return std::nullopt;
        if (m_chunked) return read_chunked(reply);
        if (m_length) return read_exactly(reply, *m_length);
        reusable = false;
        return read_to_end(reply);
    }

  private:
    Failure malformed(const std::string& what) const {
        return {FailureKind::malformed,
                "malformed answer: " + what + "; it began " + shown(m_head_seen)};
    }

    // More bytes into the buffer; a failure (reset at the end of the stream) otherwise.
    std::optional<Failure> fill() {
        if (m_begin > 0 && m_begin == m_end) m_begin = m_end = 0;
        if (m_end == m_buffer.size()) {
            std::copy(m_buffer.begin() + static_cast<std::ptrdiff_t>(m_begin),
                      m_buffer.begin() + static_cast<std::ptrdiff_t>(m_end), m_buffer.begin());
            m_end -= m_begin;
            m_begin = 0;
        }
        ClientSocket::Read got =
            m_connection.read_some(m_buffer.data() + m_end, m_buffer.size() - m_end, m_deadline);
        if (got.failure) return got.failure;
        if (got.size == 0)
            return Failure{FailureKind::reset,
                           "connection closed or reset before the answer was complete"};
        if (m_head_seen.size() < k_shown_bytes)
            m_head_seen.append(m_buffer.data() + m_end,
                               std::min(got.size, k_shown_bytes - m_head_seen.size()));
        m_end += got.size;
        return std::nullopt;
    }

    // One line of the head, without its CRLF. A line ending in a bare LF is malformed.
    std::optional<Failure> read_line(std::string& line) {
        line.clear();
        for (;;) {
            std::string_view ready(m_buffer.data() + m_begin, m_end - m_begin);
            std::size_t lf = ready.find('\n');
            line.append(ready.substr(0, lf));
            m_head_bytes += std::min(lf, ready.size());
            if (m_head_bytes > k_max_head) return malformed("its head is longer than 64 KiB");
            if (!m_status_line_seen && !looks_like_http(line)) return malformed("not HTTP");
            if (lf != std::string_view::npos) {
                m_begin += lf + 1;
                if (line.empty() || line.back() != '\r')
                    return malformed("a line ends in LF alone, not CRLF");
                line.pop_back();
                return std::nullopt;
            }
            m_begin = m_end;
            if (auto failure = fill()) return failure;
        }
    }

    static bool looks_like_http(std::string_view start) {
        constexpr std::string_view k_prefix = "HTTP/1.";
        std::size_t n = std::min(start.size(), k_prefix.size());
        return start.substr(0, n) == k_prefix.substr(0, n);
    }

    std::optional<Failure> read_head(Reply& reply) {
        m_head_bytes = 0;
        m_status_line_seen = false;
        m_chunked = false;
        m_length.reset();
        std::string line;
        if (auto failure = read_line(line)) return failure;
        // "HTTP/1.1 200 OK": a version, a three-digit status, an optional reason.
        if (line.size() < 12 || !looks_like_http(line) || line[8] != ' ' ||
            !std::isdigit(static_cast<unsigned char>(line[9])) ||
            !std::isdigit(static_cast<unsigned char>(line[10])) ||
            !std::isdigit(static_cast<unsigned char>(line[11])) ||
            (line.size() > 12 && line[12] != ' '))
            return malformed("not an HTTP/1.x status line");
        m_status_line_seen = true;
        reply.status = std::stoi(line.substr(9, 3));
        reply.reason = line.size() > 13 ? line.substr(13) : "";
        m_keep_alive = line[7] == '1';
        for (;;) {
            if (auto failure = read_line(line)) return failure;
            if (line.empty()) return std::nullopt;
            std::size_t colon = line.find(':');
            if (colon == std::string::npos || colon == 0)
                return malformed("a header line without a name and a colon");
            std::string_view name = std::string_view(line).substr(0, colon);
            std::string_view value = trim(std::string_view(line).substr(colon + 1));
            if (auto failure = note_header(reply, name, value)) return failure;
        }
    }

    std::optional<Failure> note_header(Reply& reply, std::string_view name, std::string_view value) {
        if (util::iequals(name, "Content-Length")) {
            std::uint64_t length = 0;
            auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
            if (error != std::errc() || end != value.data() + value.size() || value.empty() ||
                (m_length && *m_length != length))
                return malformed("a bad Content-Length");
            m_length = length;
        } else if (util::iequals(name, "Transfer-Encoding")) {
            m_chunked = contains_token(value, "chunked");
        } else if (util::iequals(name, "Connection")) {
            if (contains_token(value, "close")) m_keep_alive = false;
        } else if (util::iequals(name, "Location")) {
            reply.location = std::string(value);
        } else if (util::iequals(name, "Content-Type")) {
            reply.content_type = std::string(value);
        }
        return std::nullopt;
    }

    std::optional<Failure> take(Reply& reply, std::size_t size) {
        std::size_t room = m_options.keep_body - std::min(m_options.keep_body, reply.body_start.size());
        reply.body_start.append(m_buffer.data() + m_begin, std::min(room, size));
        reply.body_size += size;
        m_begin += size;
        if (m_options.max_body && reply.body_size > m_options.max_body)
            return Failure{FailureKind::other,
                           "its answer is larger than " + std::to_string(m_options.max_body) +
                               " bytes"};
        return std::nullopt;
    }

    std::optional<Failure> read_exactly(Reply& reply, std::uint64_t length) {
        while (length > 0) {
            if (m_begin == m_end)
                if (auto failure = fill()) return failure;
            std::size_t size = static_cast<std::size_t>(
                std::min<std::uint64_t>(length, m_end - m_begin));
            if (auto failure = take(reply, size)) return failure;
            length -= size;
        }
        return std::nullopt;
    }

    std::optional<Failure> read_to_end(Reply& reply) {
        for (;;) {
            if (m_begin < m_end)
                if (auto failure = take(reply, m_end - m_begin)) return failure;
            m_begin = m_end = 0;
            ClientSocket::Read got = m_connection.read_some(m_buffer.data(), m_buffer.size(), m_deadline);
            if (got.failure) return got.failure;
            if (got.size == 0) return std::nullopt;
            m_end = got.size;
        }
    }

    std::optional<Failure> read_chunked(Reply& reply) {
        std::string line;
        m_status_line_seen = true;
        for (;;) {
            m_head_bytes = 0;
            if (auto failure = read_line(line)) return failure;
            std::string_view size_text = trim(std::string_view(line).substr(0, line.find(';')));
            std::uint64_t size = 0;
            auto [end, error] =
                std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
            if (error != std::errc() || end != size_text.data() + size_text.size() ||
                size_text.empty())
                return malformed("a bad chunk size");
            if (size == 0) break;
            if (auto failure = read_exactly(reply, size)) return failure;
            if (auto failure = read_line(line)) return failure;
            if (!line.empty()) return malformed("a chunk longer than its size");
        }
        do {  // trailers, up to the empty line
            if (auto failure = read_line(line)) return failure;
        } while (!line.empty());
        return std::nullopt;
    }

    ClientSocket& m_connection;
    Deadline m_deadline;
    const ClientOptions& m_options;
    std::array<char, 64 * 1024> m_buffer;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    std::string m_head_seen;  // the first bytes of the answer, for a malformed one's detail
    std::size_t m_head_bytes = 0;
    bool m_status_line_seen = false;
    bool m_keep_alive = true;
    bool m_chunked = false;
    std::optional<std::uint64_t> m_length;
};

// The request head: the headers sorted by name (case-insensitively), with Host, Accept and
// Content-Length added unless given, as delivery::render_request shows it.
std::string request_head(std::string_view method, const Url& url, Headers headers,
                         std::size_t body_size) {
    auto add_unless_given = [&](const char* name, std::string value) {
        if (std::none_of(headers.begin(), headers.end(),
                         [&](const Header& h) { return util::iequals(h.first, name); }))
            headers.emplace_back(name, std::move(value));
    };
    add_unless_given("Host", url.host_header());
    add_unless_given("Accept", "*/*");
    if (method != "GET" || body_size) add_unless_given("Content-Length", std::to_string(body_size));
    std::stable_sort(headers.begin(), headers.end(), [](const Header& a, const Header& b) {
        return std::lexicographical_compare(
            a.first.begin(), a.first.end(), b.first.begin(), b.first.end(), [](char x, char y) {
                return std::tolower(static_cast<unsigned char>(x)) <
                       std::tolower(static_cast<unsigned char>(y));
            });
    });
    std::string head = std::string(method) + " " + url.target + " HTTP/1.1\r\n";
    for (const auto& [name, value] : headers) head += name + ": " + value + "\r\n";
    return head + "\r\n";
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
        case FailureKind::malformed:
            return "malformed";
        case FailureKind::interrupted:
            return "interrupted";
        case FailureKind::other:
            break;
    }
    return "other";
}

struct Client::Impl {
    ClientOptions options;
    std::shared_ptr<TlsContext> tls;
    ClientSocket connection;

    explicit Impl(const ClientOptions& o)
        : options(o),
          tls(o.tls || !o.url.https() ? o.tls : std::make_shared<TlsContext>(o.cacert, o.insecure)),
          connection(o.cancel, tls.get()) {}

    bool cancelled() const { return options.cancel && options.cancel->load(); }

    std::optional<Failure> exchange(const std::string& head, const std::string& body,
                                    Deadline deadline, Reply& reply) {
        // A kept-alive connection the receiver has closed since is not written to.
        if (connection.is_open() && !connection.idle_and_usable()) connection.close();
        if (!connection.is_open())
            if (auto failure = connection.open(options.url, deadline)) return failure;
        std::optional<Failure> failure;
        if (body.size() <= 16 * 1024)
            failure = connection.write_all(head + body, deadline);
        else if (!(failure = connection.write_all(head, deadline)))
            failure = connection.write_all(body, deadline);
        if (failure) return failure;
        bool reusable = false;
        failure = AnswerReader(connection, deadline, options).read(reply, reusable);
        if (failure || !reusable) connection.close();
        return failure;
    }
};

Client::Client(const ClientOptions& options) : m_impl(std::make_unique<Impl>(options)) {}
Client::~Client() = default;

Attempt Client::post(const Headers& headers, const std::string& body) {
    return exchange("POST", headers, body);
}

Attempt Client::get(const Headers& headers) { return exchange("GET", headers, {}); }

Attempt Client::exchange(std::string_view method, const Headers& headers, const std::string& body) {
    Impl& impl = *m_impl;
    const auto start = Clock::now();
    if (impl.cancelled()) return {{}, interrupted_failure(), {}};
    Reply reply;
    std::optional<Failure> failure =
        impl.exchange(request_head(method, impl.options.url, headers, body.size()), body,
                      start + impl.options.timeout, reply);
    Attempt attempt;
    attempt.latency = std::chrono::duration_cast<Latency>(Clock::now() - start);
    if (failure && failure->kind == FailureKind::timeout && impl.cancelled())
        failure = interrupted_failure();
    if (failure) {
        impl.connection.close();
        attempt.failure = std::move(failure);
    } else {
        attempt.answer = std::move(reply);
    }
    return attempt;
}

}  // namespace flowhook::http
