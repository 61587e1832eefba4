#pragma once
// Assembles HTTP/1.x requests from the bytes of a connection within fixed bounds, before any
// library code reads them. cpp-httplib 0.11.4 buffers an endless request or header line without
// bound and does not bound chunked bodies; this parser never holds more than the limits below
// plus one read, rejects framing that could desynchronise a connection, and decodes chunked
// bodies itself.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowhook::http {

using Header = std::pair<std::string, std::string>;

struct RequestLimits {
    std::size_t max_request_line = 8 * 1024;  // longer: 414
    std::size_t max_header_line = 8 * 1024;   // longer: 431
    std::size_t max_head = 64 * 1024;         // request line and headers together: 431
    std::size_t max_headers = 100;            // more: 431
    std::size_t max_body = 1024 * 1024;       // decoded body; larger: 413
};

// One complete request, its body decoded.
struct ParsedRequest {
    std::string method;
    std::string target;   // as sent: path and query
    std::string version;  // "HTTP/1.1" or "HTTP/1.0"
    std::vector<Header> headers;  // in the order received, values trimmed
    std::string body;
    bool keep_alive = true;

    // The value of the first header named `name` (case-insensitive), or nullptr.
    const std::string* header(std::string_view name) const;
};

enum class Progress { need_more, complete, refused };

class RequestParser {
public:
    explicit RequestParser(const RequestLimits& limits) : m_limits(limits) {}

    // Consumes what it can of `input` (the connection's unread bytes) and erases it; bytes of a
    // following pipelined request stay in `input`. After `refused` the connection cannot be
    // read on safely and must be closed.
    Progress feed(std::string& input);
    // Takes what of `bytes`, just read, belongs to the body being read, straight into the body
    // (sparing a copy through `input`, a third of a large body's cost); returns the rest, which
    // goes to feed() through `input`. Only while `input` is empty: bytes keep their order.
    std::string_view take_body_bytes(std::string_view bytes);

    // Whether some byte of the current request has been seen.
    bool started() const { return m_state != State::head || m_scan > 0; }
    // True once, when the head asked for "100-continue" and the body is still to come.
    bool take_continue_request();
    // The request as far as it has arrived: its head once the body is being read.
    const ParsedRequest& head() const { return m_request; }
    // The complete request; resets the parser for the next one.
    ParsedRequest take();

    bool refused() const { return m_state == State::refused; }
    int refusal_status() const { return m_refusal_status; }
    const std::string& refusal_reason() const { return m_refusal_reason; }

private:
    enum class State { head, body, chunk_size, chunk_data, chunk_end, trailers, done, refused };

    Progress refuse(int status, std::string reason);
    Progress consume(std::string_view& input);
    Progress feed_head(std::string_view& input);
    bool parse_head(std::string_view head);
    bool parse_request_line(std::string_view line);
    bool parse_header_line(std::string_view line);
    bool decide_framing();
    Progress feed_body(std::string_view& input);
    Progress feed_chunk_size(std::string_view& input);
    Progress feed_trailers(std::string_view& input);

    RequestLimits m_limits;
    State m_state = State::head;
    std::size_t m_scan = 0;        // head: bytes of input already searched for line ends
    std::size_t m_line_start = 0;  // head: start of the line being searched
    std::size_t m_lines = 0;       // head: lines seen
    std::size_t m_remaining = 0;   // body: bytes still to come (length or current chunk)
    std::size_t m_trailer_bytes = 0;
    bool m_expects_continue = false;
    ParsedRequest m_request;
    int m_refusal_status = 0;
    std::string m_refusal_reason;
};

}  // namespace flowhook::http
