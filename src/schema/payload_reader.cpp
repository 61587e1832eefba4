#include "schema/payload_reader.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

#include <rapidjson/reader.h>

namespace flowhook::schema {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_blank(const char* begin, const char* end) {
    return std::all_of(begin, end, is_space);
}

// One past the last byte of the JSON value that starts at text[begin], in text known to be
// valid JSON (a parse said so): a structural scan, exact for any value, scalars included.
std::size_t value_end(const char* text, std::size_t begin) {
    std::size_t i = begin;
    char first = text[i];
    if (first != '{' && first != '[' && first != '"') {  // a number, true, false or null
        while (text[i] != '\0' && !is_space(text[i]) && text[i] != ',' && text[i] != ']' &&
               text[i] != '}')
            ++i;
        return i;
    }
    int depth = 0;
    bool in_string = false;
    for (;; ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            if (!in_string && depth == 0) return i + 1;  // the value was a string
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
}

// Whether the JSON value that starts `text` ends within it. A structural scan, not a parse:
// a parse would copy every string (a one-line file may be 100 MB), and errors do not matter
// here, only whether the value closes before the line does.
bool value_ends_within(const char* text, std::size_t length) {
    if (length == 0) return false;
    if (text[0] != '{' && text[0] != '"') return true;  // '[' is an array file; scalars end
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < length; ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            if (!in_string && depth == 0) return true;  // a top-level string closed
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth <= 0) {
            return true;
        }
    }
    return false;
}

constexpr rapidjson::ParseFlag k_scan_flags = rapidjson::kParseIterativeFlag;

}  // namespace

ByteBuffer::ByteBuffer(std::size_t size) { resize(size); }

ByteBuffer::~ByteBuffer() { std::free(m_data); }

void ByteBuffer::resize(std::size_t size) {
    if (size == 0) {  // realloc(p, 0) may free p and return NULL: not a failure
        std::free(m_data);
        m_data = nullptr;
        m_size = 0;
        return;
    }
    char* grown = static_cast<char*>(std::realloc(m_data, size));
    if (!grown) throw std::bad_alloc();
    m_data = grown;
    m_size = size;
}

PayloadReader::PayloadReader(int fd, std::size_t buffer_size)
    : m_fd(fd), m_buffer(std::max<std::size_t>(buffer_size, 64)) {}

bool PayloadReader::fill() {
    if (m_eof) return false;
    if (m_layout == Layout::ndjson && m_begin > 0) {  // streaming: keep only the unread tail
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end + k_payload_padding >= m_buffer.size()) m_buffer.resize(m_buffer.size() * 2);
    // Bytes after the data stay free: the NUL of an in-situ parse, and the bytes RapidJSON's
    // UTF-8 check reads past a truncated multi-byte sequence at the very end.
    ssize_t n;
    do {
        n = ::read(m_fd, m_buffer.data() + m_end, m_buffer.size() - m_end - k_payload_padding);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        m_error = std::strerror(errno);
        m_eof = true;
        return false;
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_end += static_cast<std::size_t>(n);
    return true;
}

void PayloadReader::read_all() {
    while (fill()) {
    }
}

void PayloadReader::decide_layout() {
    while (m_end < 3 && fill()) {
    }
    if (m_end >= 3 && std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0)
        m_begin = 3;  // a UTF-8 byte order mark says nothing about the JSON
    // Enough input to see the first non-blank line whole (or all of it, if it has no end).
    // Each read's bytes are searched once: a pipe hands a long line over 64 KB at a time.
    std::size_t first = m_begin, searched = m_begin;
    for (;;) {
        while (first < m_end && is_space(m_buffer[first])) ++first;
        searched = std::max(searched, first);
        if (std::memchr(m_buffer.data() + searched, '\n', m_end - searched)) break;
        searched = m_end;
        if (!fill()) break;
    }
    if (first < m_end && m_buffer[first] == '[') {
        m_layout = Layout::array;
        read_all();
        index_lines();
        split_array(first);
        return;
    }
    // A first line that holds a whole JSON value makes the file NDJSON; a first line that is
    // cut short (a pretty-printed document) makes it one document.
    const char* line = m_buffer.data() + first;
    const char* line_end = static_cast<const char*>(std::memchr(line, '\n', m_end - first));
    std::size_t length = line_end ? static_cast<std::size_t>(line_end - line) : m_end - first;
    bool cut_short = !value_ends_within(line, length);
    m_layout = (cut_short && line_end) || only_blank_after(first + length) ? Layout::document
                                                                          : Layout::ndjson;
    if (m_layout == Layout::document) {
        read_all();
        index_lines();
    }
}

bool PayloadReader::only_blank_after(std::size_t offset) {
    for (;;) {
        if (!is_blank(m_buffer.data() + offset, m_buffer.data() + m_end)) return false;
        offset = m_end;  // what is read next is all that is left to look at
        if (!fill()) return m_error.empty();
    }
}

void PayloadReader::index_lines() {
    m_line_starts.assign(1, m_begin);  // after a byte order mark: columns count what people see
    for (std::size_t i = 0; i < m_end; ++i)
        if (m_buffer[i] == '\n') m_line_starts.push_back(i + 1);
}

void PayloadReader::split_array(std::size_t open_bracket) {
    // First whether the whole text is one JSON array; a parse that stops at a NUL byte inside
    // the text (which it takes for the end) does not count.
    m_buffer[m_end] = '\0';
    rapidjson::StringStream stream(m_buffer.data() + open_bracket);
    rapidjson::BaseReaderHandler<> ignore;
    rapidjson::Reader reader;
    reader.Parse<k_scan_flags>(stream, ignore);
    if (reader.HasParseError() || open_bracket + stream.Tell() != m_end) {
        m_layout = Layout::document;  // the whole file is reported as not JSON
        return;
    }
    // Then where each top-level item starts and ends, by a scan of the text now known valid.
    // (A parser's handler cannot tell: RapidJSON calls it with the stream before a string or
    // a number but after a true, false or null.)
    const char* text = m_buffer.data();
    std::size_t i = open_bracket + 1;
    for (;;) {
        while (is_space(text[i])) ++i;
        if (text[i] == ']') break;  // an empty array
        std::size_t end = value_end(text, i);
        m_items.emplace_back(i, end);
        for (i = end; is_space(text[i]); ++i) {
        }
        if (text[i] != ',') break;  // the closing bracket
        ++i;
    }
}

std::optional<RawPayload> NdjsonLines::next() {
    while (m_begin < m_size) {
        char* begin = m_data + m_begin;
        std::size_t left = m_size - m_begin;
        auto* newline = static_cast<char*>(std::memchr(begin, '\n', left));
        if (!newline && !m_at_end) return std::nullopt;  // the rest may be a line cut short
        std::size_t size = newline ? static_cast<std::size_t>(newline - begin) : left;
        m_begin += newline ? size + 1 : size;
        RawPayload payload{begin, size, m_line++, std::nullopt};
        if (payload.size > 0 && payload.data[payload.size - 1] == '\r') --payload.size;
        if (!is_blank(payload.data, payload.data + payload.size)) return payload;
    }
    return std::nullopt;
}

std::optional<RawPayload> PayloadReader::next_line() {
    for (;;) {
        NdjsonLines lines(m_buffer.data() + m_begin, m_end - m_begin, m_line, m_eof);
        std::optional<RawPayload> payload = lines.next();
        m_begin += lines.consumed();
        m_line = lines.line();
        if (payload || m_eof) return payload;
        read_to_newline();  // or to the end of the input: the last line counts even if torn
    }
}

void PayloadReader::read_to_newline() {
    // The unread bytes hold no newline: only what each read adds is searched, so a line of
    // 100 MB that a pipe hands over 64 KB at a time is searched once, not 1600 times.
    // Offsets count from m_begin, which fill() moves to the start of the buffer.
    std::size_t searched = m_end - m_begin;
    while (fill()) {
        if (std::memchr(m_buffer.data() + m_begin + searched, '\n', m_end - m_begin - searched))
            return;
        searched = m_end - m_begin;
    }
}

Layout PayloadReader::read_layout() {
    if (m_layout == Layout::undecided) decide_layout();
    return m_layout;
}

PayloadReader::Unread PayloadReader::take_unread() {
    Unread unread{std::move(m_buffer), m_begin, m_end, m_line, m_eof};
    m_begin = m_end = 0;
    m_eof = true;
    m_document_given = true;
    m_next_item = m_items.size();
    return unread;
}

std::optional<RawPayload> PayloadReader::next() {
    if (read_layout() == Layout::ndjson) return next_line();
    if (m_layout == Layout::array) {
        if (m_next_item == m_items.size()) return std::nullopt;
        auto [begin, end] = m_items[m_next_item];
        RawPayload payload{m_buffer.data() + begin, end - begin, line_of(begin), m_next_item};
        ++m_next_item;
        return payload;
    }
    if (m_document_given) return std::nullopt;
    m_document_given = true;
    return RawPayload{m_buffer.data() + m_begin, m_end - m_begin, 1, std::nullopt};
}

std::size_t PayloadReader::line_of(std::size_t absolute) const {
    auto after = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), absolute);
    return static_cast<std::size_t>(after - m_line_starts.begin());
}

TextPosition PayloadReader::position(const RawPayload& payload, std::size_t offset) const {
    if (m_line_starts.empty()) return {payload.line, offset + 1};  // NDJSON: one line each
    std::size_t absolute = static_cast<std::size_t>(payload.data - m_buffer.data()) + offset;
    std::size_t line = line_of(absolute);
    return {line, absolute - m_line_starts[line - 1] + 1};
}

}  // namespace flowhook::schema
