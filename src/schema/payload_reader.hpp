#pragma once
// Splits a stream into payloads: one JSON document, a JSON array of documents, or NDJSON
// (one document per line). NDJSON is streamed through a fixed buffer, so memory does not grow
// with the file; a single document or an array is read whole.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowhook::schema {

enum class Layout { undecided, document, array, ndjson };

// One payload's text inside the reader's buffer, valid until the next call to next().
// data[size] belongs to the reader and may be overwritten, e.g. with the NUL that an in-situ
// parse needs; k_payload_padding bytes after data[size - 1] are always readable.
struct RawPayload {
    char* data = nullptr;
    std::size_t size = 0;
    std::size_t line = 1;               // line of the file on which the payload starts
    std::optional<std::size_t> index;   // position in the array, for array files
};

// Bytes that stay readable after every payload (see RawPayload::data).
inline constexpr std::size_t k_payload_padding = 4;

struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;  // in bytes, 1-based
};

// Bytes that grow with realloc: a large block moves by remapping pages, not by copying them
// into a second block, so a 100 MB line costs about 100 MB, not three times that.
class ByteBuffer {
public:
    ByteBuffer() = default;
    explicit ByteBuffer(std::size_t size);
    ~ByteBuffer();
    ByteBuffer(const ByteBuffer&) = delete;
    ByteBuffer& operator=(const ByteBuffer&) = delete;
    ByteBuffer(ByteBuffer&& other) noexcept { swap(other); }
    ByteBuffer& operator=(ByteBuffer&& other) noexcept { return swap(other), *this; }
    void swap(ByteBuffer& other) noexcept {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
    }
    char* data() { return m_data; }
    const char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    char& operator[](std::size_t i) { return m_data[i]; }
    void resize(std::size_t size);  // keeps the first min(old, new) bytes; throws std::bad_alloc

private:
    char* m_data = nullptr;
    std::size_t m_size = 0;
};

// Cuts NDJSON text into payloads by the rules of PayloadReader::next() for NDJSON, so that
// code reading NDJSON blocks itself (validate on several threads) cannot drift from it: '\n'
// ends a line, one '\r' before it is dropped, blank lines are skipped (but counted), and the
// text after the last '\n' is a line only when `at_end` says the input ends there (a torn last
// line). A payload it hands out follows RawPayload's rules when the text's owner keeps
// k_payload_padding bytes after data[size - 1] of the text.
class NdjsonLines {
public:
    NdjsonLines(char* data, std::size_t size, std::size_t first_line, bool at_end)
        : m_data(data), m_size(size), m_line(first_line), m_at_end(at_end) {}

    // The next non-blank line, or nullopt when no whole line is left.
    std::optional<RawPayload> next();
    // Bytes cut so far, the lines skipped included: where the next line starts.
    std::size_t consumed() const { return m_begin; }
    // The line number of the byte at consumed().
    std::size_t line() const { return m_line; }

private:
    char* m_data;
    std::size_t m_size;
    std::size_t m_begin = 0;
    std::size_t m_line;
    bool m_at_end;
};

class PayloadReader {
public:
    // Reads from `fd`, which stays owned by the caller.
    explicit PayloadReader(int fd, std::size_t buffer_size = std::size_t{1} << 20);

    // The next payload, or nullopt at the end of the input or on a read error (see error()).
    // An empty input yields one empty payload, so that it is reported as not JSON.
    std::optional<RawPayload> next();

    // Line and column of the byte at `offset` in `payload`'s original text.
    TextPosition position(const RawPayload& payload, std::size_t offset) const;

    Layout layout() const { return m_layout; }
    // Decides the layout now, reading as much input as that takes, without handing out a
    // payload; next() then starts with the first one.
    Layout read_layout();

    // NDJSON read but not yet handed out, for a caller that reads the rest of the stream
    // itself: the reader's buffer, taken without a copy (a first line may be 100 MB), whose
    // bytes [begin, end) are the unread text, k_payload_padding bytes free after them; the
    // line number of the byte at begin; and whether the input ended (or failed, see error())
    // after them. The reader hands out nothing more.
    struct Unread {
        ByteBuffer buffer;
        std::size_t begin = 0;
        std::size_t end = 0;
        std::size_t line = 1;
        bool at_end = false;
    };
    Unread take_unread();
    // A description of the read error that ended the input early; empty if none.
    const std::string& error() const { return m_error; }

private:
    bool fill();              // reads more input; false at end of input or on error
    void read_all();
    void decide_layout();
    void index_lines();
    bool only_blank_after(std::size_t offset);  // reads on until it knows
    void split_array(std::size_t open_bracket);
    std::optional<RawPayload> next_line();
    void read_to_newline();  // reads until a newline is unread, or the input ends
    std::size_t line_of(std::size_t absolute) const;  // document and array layouts

    int m_fd;
    ByteBuffer m_buffer;
    std::size_t m_begin = 0;  // first byte not yet handed out
    std::size_t m_end = 0;    // end of the bytes read so far
    std::size_t m_line = 1;   // line number at m_begin
    bool m_eof = false;
    std::string m_error;
    Layout m_layout = Layout::undecided;
    bool m_document_given = false;
    std::vector<std::size_t> m_line_starts;  // document and array layouts: offset of each line
    std::vector<std::pair<std::size_t, std::size_t>> m_items;  // array layout: item ranges
    std::size_t m_next_item = 0;
};

}  // namespace flowhook::schema
