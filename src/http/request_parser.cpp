#include "http/request_parser.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace flowhook::http {
namespace {

using util::iequals;

constexpr std::size_t k_max_chunk_line = 1024;
constexpr std::size_t k_max_trailers = 8 * 1024;

bool is_token_char(unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
                                  std::string_view::npos;
}

bool is_token(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return is_token_char(static_cast<unsigned char>(c));
    });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Strips the line end ("\n" or "\r\n") of `line`.
std::string_view without_eol(std::string_view line) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

// Whether `value` names `token` in a comma-separated list (Connection: keep-alive, Upgrade).
bool has_token(std::string_view value, std::string_view token) {
    while (!value.empty()) {
        std::size_t comma = value.find(',');
        if (iequals(trim(value.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

// A Content-Length value: decimal digits only, no sign, no list.
bool parse_length(std::string_view text, std::size_t& length) {
    if (text.empty() || text.size() > 18) return false;
    length = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    return true;
}

std::size_t hex_value(char c) {
    if (c >= '0' && c <= '9') return static_cast<std::size_t>(c - '0');
    return static_cast<std::size_t>(std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
}

// The origin form (path and query) of an absolute-form target, "http://host:port/x?y" (RFC
// 9112, 3.2.2: what a client sends to a proxy, and a server must accept); nullopt when
// `target` is not one.
std::optional<std::string_view> origin_form(std::string_view target) {
    std::size_t scheme_end = target.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    std::string_view scheme = target.substr(0, scheme_end);
    if (!iequals(scheme, "http") && !iequals(scheme, "https")) return std::nullopt;
    std::string_view rest = target.substr(scheme_end + 3);
    std::size_t path = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, path);
    if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
    return path == std::string_view::npos ? std::string_view() : rest.substr(path);
}

}  // namespace

const std::string* ParsedRequest::header(std::string_view name) const {
    for (const Header& h : headers)
        if (iequals(h.first, name)) return &h.second;
    return nullptr;
}

Progress RequestParser::refuse(int status, std::string reason) {
    m_state = State::refused;
    m_refusal_status = status;
    m_refusal_reason = std::move(reason);
    return Progress::refused;
}

Progress RequestParser::feed(std::string& input) {
    // The steps below only move a view forward; the bytes they took are erased once, here, so
    // that a body of many tiny chunks costs time linear in its size.
    std::string_view unread = input;
    Progress progress = consume(unread);
    input.erase(0, input.size() - unread.size());
    return progress;
}

Progress RequestParser::consume(std::string_view& input) {
    for (;;) {
        Progress progress = Progress::need_more;
        State before = m_state;
        switch (m_state) {
            case State::head: progress = feed_head(input); break;
            case State::body:
            case State::chunk_data: progress = feed_body(input); break;
            case State::chunk_size: progress = feed_chunk_size(input); break;
            case State::chunk_end:
                if (input.starts_with("\r\n")) {
                    input.remove_prefix(2);
                } else if (input.starts_with('\n')) {
                    input.remove_prefix(1);
                } else if (input.empty() || input == "\r") {
                    return Progress::need_more;
                } else {
                    return refuse(400, "chunk data longer than its chunk size");
                }
                m_state = State::chunk_size;
                break;
            case State::trailers: progress = feed_trailers(input); break;
            case State::done: return Progress::complete;
            case State::refused: return Progress::refused;
        }
        if (progress == Progress::refused) return progress;
        if (m_state == State::done) return Progress::complete;
        if (m_state == before && progress == Progress::need_more) return progress;
    }
}

Progress RequestParser::feed_head(std::string_view& input) {
    for (;;) {
        std::size_t eol = input.find('\n', m_scan);
        bool first = m_lines == 0;
        std::size_t limit = first ? m_limits.max_request_line : m_limits.max_header_line;
        std::size_t length = (eol == std::string::npos ? input.size() : eol) - m_line_start;
        if (length > limit + 1)  // + 1: the CR of a CRLF
            return first ? refuse(414, "request line longer than " + std::to_string(limit) + " bytes")
                         : refuse(431, "header line longer than " + std::to_string(limit) + " bytes");
        if (eol == std::string::npos) {
            m_scan = input.size();
            if (input.size() > m_limits.max_head)
                return refuse(431, "request head larger than " + std::to_string(m_limits.max_head) +
                                       " bytes");
            return Progress::need_more;
        }
        std::string_view line = without_eol(input.substr(m_line_start, eol + 1 - m_line_start));
        m_scan = m_line_start = eol + 1;
        if (line.empty() && first) {  // a stray CRLF between requests (RFC 9112, 2.2)
            input.remove_prefix(m_scan);
            m_scan = m_line_start = 0;
            continue;
        }
        if (line.empty()) break;
        if (++m_lines > m_limits.max_headers + 1)
            return refuse(431, "more than " + std::to_string(m_limits.max_headers) + " headers");
        if (m_scan > m_limits.max_head)
            return refuse(431, "request head larger than " + std::to_string(m_limits.max_head) + " bytes");
    }
    bool ok = parse_head(input.substr(0, m_scan));
    input.remove_prefix(m_scan);
    m_scan = m_line_start = m_lines = 0;
    if (!ok || !decide_framing()) return Progress::refused;
    return Progress::need_more;
}

bool RequestParser::parse_head(std::string_view head) {
    bool first = true;
    while (!head.empty()) {
        std::size_t eol = head.find('\n');
        std::string_view line = without_eol(head.substr(0, eol + 1));
        head.remove_prefix(eol + 1);
        if (line.empty()) {
            if (first) continue;  // stray CRLFs were erased already; kept for safety
            break;
        }
        if (first ? !parse_request_line(line) : !parse_header_line(line)) return false;
        first = false;
    }
    return true;
}

bool RequestParser::parse_request_line(std::string_view line) {
    std::size_t first_space = line.find(' ');
    std::size_t last_space = line.rfind(' ');
    if (first_space == std::string_view::npos || first_space == last_space) {
        refuse(400, "malformed request line");
        return false;
    }
    std::string_view method = line.substr(0, first_space);
    std::string_view target = line.substr(first_space + 1, last_space - first_space - 1);
    std::string_view version = line.substr(last_space + 1);
    bool printable = std::all_of(target.begin(), target.end(), [](char c) {
        return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
    bool absolute = false;
    if (auto origin = origin_form(target)) {
        target = *origin;
        absolute = true;
    }
    bool target_ok = printable && (absolute || (!target.empty() && target.front() == '/'));
    if (!is_token(method) || !target_ok) {
        refuse(400, "malformed request line");
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        refuse(version.rfind("HTTP/", 0) == 0 ? 505 : 400, "unsupported HTTP version");
        return false;
    }
    m_request.method = method;
    m_request.target = target;
    // "http://host?x" has an empty path, which is "/" (RFC 9110, 4.2.3).
    if (absolute && (target.empty() || target.front() == '?')) m_request.target.insert(0, "/");
    m_request.version = version;
    return true;
}

bool RequestParser::parse_header_line(std::string_view line) {
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
        refuse(400, "malformed header line");  // also folded (obs-fold) lines
        return false;
    }
    std::string_view value = trim(line.substr(colon + 1));
    bool clean = std::none_of(value.begin(), value.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t') || u == 0x7f;
    });
    if (!clean) {
        refuse(400, "control character in a header value");
        return false;
    }
    m_request.headers.emplace_back(line.substr(0, colon), value);
    return true;
}

bool RequestParser::decide_framing() {
    std::vector<std::string_view> lengths;
    std::vector<std::string_view> encodings;
    for (const Header& h : m_request.headers) {
        if (iequals(h.first, "Content-Length")) lengths.push_back(h.second);
        if (iequals(h.first, "Transfer-Encoding")) encodings.push_back(h.second);
    }
    // Two framings, or two lengths, are how requests get smuggled past a proxy: never guess.
    if (!lengths.empty() && !encodings.empty())
        return refuse(400, "Content-Length together with Transfer-Encoding"), false;
    if (!encodings.empty()) {
        if (encodings.size() > 1 || !iequals(encodings.front(), "chunked") ||
            m_request.version == "HTTP/1.0")
            return refuse(400, "unsupported Transfer-Encoding"), false;
        m_state = State::chunk_size;
    } else if (!lengths.empty()) {
        std::size_t length = 0;
        for (std::size_t i = 0; i < lengths.size(); ++i) {
            std::size_t value = 0;
            if (!parse_length(lengths[i], value))
                return refuse(400, "Content-Length is not a non-negative integer"), false;
            if (i > 0 && value != length)
                return refuse(400, "Content-Length given twice with different values"), false;
            length = value;
        }
        if (length > m_limits.max_body)
            return refuse(413, "body of " + std::to_string(length) + " bytes is over the limit of " +
                                   std::to_string(m_limits.max_body)),
                   false;
        m_remaining = length;
        m_state = length ? State::body : State::done;
    } else {
        m_state = State::done;  // a request without framing has no body (RFC 9112, 6.3)
    }
    const std::string* connection = m_request.header("Connection");
    m_request.keep_alive = m_request.version == "HTTP/1.1"
                               ? !(connection && has_token(*connection, "close"))
                               : connection && has_token(*connection, "keep-alive");
    const std::string* expect = m_request.header("Expect");
    m_expects_continue = m_state != State::done && m_request.version == "HTTP/1.1" && expect &&
                         iequals(*expect, "100-continue");
    return true;
}

Progress RequestParser::feed_body(std::string_view& input) {
    input = take_body_bytes(input);
    return Progress::need_more;
}

std::string_view RequestParser::take_body_bytes(std::string_view bytes) {
    if (m_state != State::body && m_state != State::chunk_data) return bytes;
    std::size_t n = std::min(m_remaining, bytes.size());
    m_request.body.append(bytes.substr(0, n));
    m_remaining -= n;
    if (m_remaining == 0) m_state = m_state == State::body ? State::done : State::chunk_end;
    return bytes.substr(n);
}

Progress RequestParser::feed_chunk_size(std::string_view& input) {
    std::size_t eol = input.find('\n');
    if (eol == std::string::npos)
        return input.size() > k_max_chunk_line ? refuse(400, "chunk size line too long")
                                               : Progress::need_more;
    std::string_view line = without_eol(input.substr(0, eol + 1));
    std::size_t digits = 0;
    std::size_t size = 0;
    std::size_t room = m_limits.max_body - m_request.body.size();
    for (; digits < line.size() && std::isxdigit(static_cast<unsigned char>(line[digits])); ++digits) {
        size = size * 16 + hex_value(line[digits]);
        if (size > room)
            return refuse(413, "chunked body over the limit of " + std::to_string(m_limits.max_body) + " bytes");
    }
    std::string_view rest = line.substr(digits);
    if (digits == 0 || !(rest.empty() || rest.front() == ';' || rest.front() == ' ' || rest.front() == '\t'))
        return refuse(400, "malformed chunk size");
    input.remove_prefix(eol + 1);
    m_remaining = size;
    m_state = size ? State::chunk_data : State::trailers;
    return Progress::need_more;
}

Progress RequestParser::feed_trailers(std::string_view& input) {
    for (;;) {
        std::size_t eol = input.find('\n');
        if (eol == std::string::npos)
            return m_trailer_bytes + input.size() > k_max_trailers ? refuse(431, "trailers too large")
                                                                   : Progress::need_more;
        m_trailer_bytes += eol + 1;
        if (m_trailer_bytes > k_max_trailers) return refuse(431, "trailers too large");
        bool last = without_eol(input.substr(0, eol + 1)).empty();
        input.remove_prefix(eol + 1);  // trailer fields are read and ignored
        if (last) {
            m_state = State::done;
            return Progress::complete;
        }
    }
}

bool RequestParser::take_continue_request() {
    bool wanted = m_expects_continue && m_state != State::head && m_state != State::done;
    m_expects_continue = false;
    return wanted;
}

ParsedRequest RequestParser::take() {
    ParsedRequest request = std::move(m_request);
    m_request = ParsedRequest{};
    m_state = State::head;
    m_scan = m_line_start = m_lines = m_remaining = m_trailer_bytes = 0;
    m_expects_continue = false;
    return request;
}

}  // namespace flowhook::http
