#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../piped_text.hpp"
#include "schema/payload_reader.hpp"

using namespace flowhook::schema;

namespace {

// A temporary file holding `text`, open for reading from its start.
class TempInput {
public:
    explicit TempInput(const std::string& text) : m_file(std::tmpfile()) {
        REQUIRE(m_file);
        std::fwrite(text.data(), 1, text.size(), m_file);
        std::fflush(m_file);
        ::lseek(fd(), 0, SEEK_SET);
    }
    ~TempInput() { std::fclose(m_file); }
    TempInput(const TempInput&) = delete;
    TempInput& operator=(const TempInput&) = delete;
    int fd() const { return ::fileno(m_file); }

private:
    std::FILE* m_file;
};

struct Item {
    std::string text;
    std::size_t line;
    std::optional<std::size_t> index;
};

struct ReadResult {
    std::vector<Item> items;
    Layout layout = Layout::undecided;
    std::string error;
};

// Reads every payload, writing the NUL an in-situ parse would after each one, as flowhook does.
ReadResult read_fd(int fd, std::size_t buffer_size) {
    PayloadReader reader(fd, buffer_size);
    ReadResult result;
    while (auto payload = reader.next()) {
        result.items.push_back({std::string(payload->data, payload->size), payload->line,
                                payload->index});
        payload->data[payload->size] = '\0';
    }
    result.layout = reader.layout();
    result.error = reader.error();
    return result;
}

ReadResult read_text(const std::string& text, std::size_t buffer_size = 1 << 20) {
    TempInput input(text);
    return read_fd(input.fd(), buffer_size);
}

// The same through a pipe written `piece` bytes at a time.
ReadResult read_piped(const std::string& text, std::size_t piece, std::size_t buffer_size) {
    PipedText input(text, piece);
    return read_fd(input.fd(), buffer_size);
}

const std::string k_event = R"({"action":"ORDER_SETTLED","order":{"Id":1,"Uid":"1"}})";

}  // namespace

TEST_CASE("PayloadReader: one document") {
    SUBCASE("pretty-printed") {
        std::string text = "{\n  \"action\": \"ORDER_SETTLED\",\n  \"order\": {\"Id\": 1}\n}\n";
        ReadResult r = read_text(text);
        CHECK(r.layout == Layout::document);
        REQUIRE(r.items.size() == 1);
        CHECK(r.items[0].text == text);
        CHECK(r.items[0].line == 1);
        CHECK_FALSE(r.items[0].index);
    }
    SUBCASE("on one line, with a newline after it") {
        ReadResult r = read_text(k_event + "\n\n");
        CHECK(r.layout == Layout::document);
        REQUIRE(r.items.size() == 1);
    }
    SUBCASE("after blank lines, with a first line longer than the buffer") {
        std::string text = "\n\n  {\"action\": \"" + std::string(200, 'x') + "\",\n\"a\": 1}\n";
        ReadResult r = read_text(text, 64);
        CHECK(r.layout == Layout::document);
        REQUIRE(r.items.size() == 1);
        CHECK(r.items[0].text == text);
    }
    SUBCASE("a first line whose braces and quotes balance inside strings") {
        ReadResult r = read_text("{\"a\": \"}{\\\"\",\n\"b\": 1}");
        CHECK(r.layout == Layout::document);
    }
    SUBCASE("not JSON at all: one payload, reported whole") {
        ReadResult r = read_text("{\"action\": ");
        CHECK(r.layout == Layout::document);
        REQUIRE(r.items.size() == 1);
        CHECK(r.items[0].text == "{\"action\": ");
    }
}

TEST_CASE("PayloadReader: empty input") {
    for (const char* text : {"", "\n\n", "  \t "}) {
        CAPTURE(text);
        ReadResult r = read_text(text);
        REQUIRE(r.items.size() == 1);  // reported as "not JSON: the text is empty"
        CHECK(r.items[0].text == text);
    }
}

TEST_CASE("PayloadReader: a JSON array of payloads") {
    std::string text = "[\n  " + k_event + ",\n  {\n    \"action\": \"X\"\n  },\n\n  7, \"s\"\n]\n";
    ReadResult r = read_text(text);
    CHECK(r.layout == Layout::array);
    REQUIRE(r.items.size() == 4);
    CHECK(r.items[0].text == k_event);
    CHECK(r.items[0].line == 2);
    CHECK(r.items[0].index == 0u);
    CHECK(r.items[1].text == "{\n    \"action\": \"X\"\n  }");
    CHECK(r.items[1].line == 3);
    CHECK(r.items[2].text == "7");
    CHECK(r.items[2].line == 7);
    CHECK(r.items[3].text == "\"s\"");
    CHECK(r.items[3].index == 3u);
    SUBCASE("empty") { CHECK(read_text("[ ]").items.empty()); }
    SUBCASE("with a syntax error: the whole file is one payload") {
        ReadResult broken = read_text("[" + k_event + ", {]");
        CHECK(broken.layout == Layout::document);
        CHECK(broken.items.size() == 1);
    }
}

TEST_CASE("PayloadReader: NDJSON") {
    SUBCASE("line numbers, blank lines skipped") {
        ReadResult r = read_text(k_event + "\n\n   \n" + k_event + "\n" + "{bad\n");
        CHECK(r.layout == Layout::ndjson);
        REQUIRE(r.items.size() == 3);
        CHECK(r.items[0].line == 1);
        CHECK(r.items[1].line == 4);
        CHECK(r.items[2].line == 5);
        CHECK(r.items[2].text == "{bad");
        CHECK_FALSE(r.items[0].index);
    }
    SUBCASE("CRLF line ends, last line without a newline") {
        ReadResult r = read_text(k_event + "\r\n\r\n" + k_event + "\r\n" + k_event);
        REQUIRE(r.items.size() == 3);
        for (const Item& item : r.items) CHECK(item.text == k_event);
        CHECK(r.items[1].line == 3);
        CHECK(r.items[2].line == 4);
    }
    SUBCASE("a first line that is broken JSON does not make it one document") {
        ReadResult r = read_text("{\"a\": tru}\n" + k_event + "\n");
        CHECK(r.layout == Layout::ndjson);
        CHECK(r.items.size() == 2);
    }
}

TEST_CASE("PayloadReader: a UTF-8 byte order mark") {
    const std::string bom = "\xEF\xBB\xBF";
    SUBCASE("before a document") {
        ReadResult r = read_text(bom + k_event);
        REQUIRE(r.items.size() == 1);
        CHECK(r.items[0].text == k_event);
    }
    SUBCASE("before NDJSON") {
        ReadResult r = read_text(bom + k_event + "\n" + k_event + "\n");
        CHECK(r.layout == Layout::ndjson);
        REQUIRE(r.items.size() == 2);
        CHECK(r.items[0].text == k_event);
    }
    SUBCASE("before an array") {
        ReadResult r = read_text(bom + "[" + k_event + "]");
        REQUIRE(r.items.size() == 1);
        CHECK(r.items[0].text == k_event);
    }
}

TEST_CASE("PayloadReader: lines longer than the buffer") {
    // A 64-byte buffer must grow for long lines and compact between short ones.
    std::string text;
    std::vector<std::string> lines;
    for (int i = 0; i < 300; ++i) {
        std::string line = "{\"action\":\"" + std::string(static_cast<std::size_t>(i * 7 % 500), 'x') +
                           "\",\"n\":" + std::to_string(i) + "}";
        lines.push_back(line);
        text += line + (i % 3 == 0 ? "\r\n" : "\n");
    }
    SUBCASE("from a file") {
        ReadResult r = read_text(text, 64);
        CHECK(r.layout == Layout::ndjson);
        REQUIRE(r.items.size() == lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            CHECK(r.items[i].text == lines[i]);
            CHECK(r.items[i].line == i + 1);
        }
    }
    SUBCASE("from a pipe, written in small pieces") {
        ReadResult r = read_piped(text, 37, 64);
        REQUIRE(r.items.size() == lines.size());
        CHECK(r.items.back().text == lines.back());
        CHECK(r.error.empty());
    }
    SUBCASE("a long line, a long blank run and a torn last line, from a pipe") {
        // Each read adds a few bytes: the reader searches only those for the line's end.
        std::string line = "{\"action\":\"" + std::string(5000, 'x') + "\"}";
        std::string blank = std::string(3000, ' ') + "\n" + std::string(3000, '\n');
        ReadResult r = read_piped(blank + line + "\n" + blank + line + "\n" + line, 13, 64);
        CHECK(r.layout == Layout::ndjson);
        REQUIRE(r.items.size() == 3);
        for (const Item& item : r.items) CHECK(item.text == line);
        CHECK(r.items[0].line == 3002);
        CHECK(r.items[1].line == 6004);
        CHECK(r.items[2].line == 6005);
    }
    SUBCASE("a document on one line with a long blank run after it, from a pipe") {
        std::string document = "{\"action\":\"" + std::string(5000, 'x') + "\"}";
        ReadResult r = read_piped(document + "\n" + std::string(20000, ' ') + "\n\n", 13, 64);
        CHECK(r.layout == Layout::document);
        REQUIRE(r.items.size() == 1);
        CHECK(r.items[0].text.substr(0, document.size()) == document);
    }
    SUBCASE("one document longer than the buffer") {
        std::string big = "{\n\"action\": \"" + std::string(10000, 'y') + "\"\n}";
        ReadResult r = read_text(big, 64);
        CHECK(r.layout == Layout::document);
        REQUIRE(r.items.size() == 1);
        CHECK(r.items[0].text == big);
    }
}

namespace {

struct Placed {
    std::string text;
    std::size_t index;
    TextPosition at;  // of the item's first byte
};

// Every item of an array file with the position of its first byte, as a report shows it.
std::vector<Placed> array_items(const std::string& text, std::size_t buffer_size = 1 << 20) {
    TempInput input(text);
    PayloadReader reader(input.fd(), buffer_size);
    std::vector<Placed> items;
    while (auto payload = reader.next()) {
        REQUIRE(payload->index);
        items.push_back({std::string(payload->data, payload->size), *payload->index,
                         reader.position(*payload, 0)});
        payload->data[payload->size] = '\0';  // as an in-situ parse does
    }
    CHECK(reader.layout() == Layout::array);
    return items;
}

}  // namespace

TEST_CASE("PayloadReader: array items of every JSON type, each whole and in its place") {
    SUBCASE("the issue's case: null between numbers, on one line") {
        std::vector<Placed> items = array_items("[1,null,null,null,2]");
        REQUIRE(items.size() == 5);
        const char* texts[] = {"1", "null", "null", "null", "2"};
        std::size_t columns[] = {2, 4, 9, 14, 19};
        for (std::size_t i = 0; i < 5; ++i) {
            CAPTURE(i);
            CHECK(items[i].text == texts[i]);
            CHECK(items[i].index == i);
            CHECK(items[i].at.line == 1);
            CHECK(items[i].at.column == columns[i]);
        }
    }
    SUBCASE("each type alone, first, last and between others, with and without spaces") {
        const char* values[] = {"null", "true", "false", "0", "-1.5e+3", "7123.0", "\"\"",
                                "\"a, ] } \\\" [\"", "[]", "{}", "[null,true,false]",
                                "{\"a\":null,\"b\":[true,{\"c\":false}]}", k_event.c_str()};
        for (const char* value : values) {
            CAPTURE(value);
            std::string v = value;
            for (const char* separator : {",", ", ", " ,\n\t", "\r\n,\r\n"}) {
                CAPTURE(separator);
                std::string sep = separator;
                std::string text = "[" + v + "]";
                std::vector<Placed> alone = array_items(text);
                REQUIRE(alone.size() == 1);
                CHECK(alone[0].text == v);
                CHECK(alone[0].at.column == 2);

                text = "[ " + v + sep + "null" + sep + v + sep + "false" + sep + v + " ]";
                std::vector<Placed> items = array_items(text);
                REQUIRE(items.size() == 5);
                const std::string expected[] = {v, "null", v, "false", v};
                std::size_t from = 0;
                for (std::size_t i = 0; i < 5; ++i) {
                    CAPTURE(i);
                    CHECK(items[i].text == expected[i]);
                    // Where the item really is in the text: the next occurrence after the
                    // previous item, counted in lines and columns by hand.
                    std::size_t offset = text.find(expected[i], from);
                    from = offset + expected[i].size();
                    std::size_t line_start = text.rfind('\n', offset);
                    std::size_t line = 1 + static_cast<std::size_t>(
                                               std::count(text.begin(), text.begin() + offset, '\n'));
                    std::size_t column =
                        line_start == std::string::npos ? offset + 1 : offset - line_start;
                    CHECK(items[i].at.line == line);
                    CHECK(items[i].at.column == column);
                }
            }
        }
    }
    SUBCASE("pretty-printed, one item a line, nested arrays and objects around scalars") {
        std::string text =
            "[\n"
            "  null,\n"
            "  [\n    null,\n    [true, false]\n  ],\n"
            "  {\n    \"x\": [null],\n    \"y\": {\"z\": false}\n  },\n"
            "  true,\n"
            "  false\n"
            "]\n";
        std::vector<Placed> items = array_items(text);
        REQUIRE(items.size() == 5);
        CHECK(items[0].text == "null");
        CHECK(items[0].at.line == 2);
        CHECK(items[0].at.column == 3);
        CHECK(items[1].text == "[\n    null,\n    [true, false]\n  ]");
        CHECK(items[1].at.line == 3);
        CHECK(items[2].text == "{\n    \"x\": [null],\n    \"y\": {\"z\": false}\n  }");
        CHECK(items[2].at.line == 7);
        CHECK(items[3].text == "true");
        CHECK(items[3].at.line == 11);
        CHECK(items[3].at.column == 3);
        CHECK(items[4].text == "false");
        CHECK(items[4].at.line == 12);
        CHECK(items[4].index == 4u);
    }
    SUBCASE("the same from a tiny buffer, which the reader grows") {
        std::string text = "[null, " + k_event + ", true, false, " + k_event + ", 3]";
        std::vector<Placed> items = array_items(text, 64);
        REQUIRE(items.size() == 6);
        CHECK(items[0].text == "null");
        CHECK(items[1].text == k_event);
        CHECK(items[2].text == "true");
        CHECK(items[3].text == "false");
        CHECK(items[4].text == k_event);
        CHECK(items[5].text == "3");
        CHECK(items[5].at.column == text.size() - 1);
    }
    SUBCASE("a NUL byte after the array: not an array file, so the NUL gets reported") {
        ReadResult r = read_text(std::string("[null, 1]\0[2]", 13));
        CHECK(r.layout == Layout::document);
        REQUIRE(r.items.size() == 1);
        CHECK(r.items[0].text.size() == 13);
    }
}

TEST_CASE("PayloadReader::position") {
    SUBCASE("in a pretty-printed document") {
        std::string text = "{\n  \"action\": \"X\",\n  \"order\": {\"Id\": \"7\"}\n}";
        TempInput input(text);
        PayloadReader reader(input.fd());
        auto payload = reader.next();
        REQUIRE(payload);
        TextPosition at = reader.position(*payload, text.find("\"Id\""));
        CHECK(at.line == 3);
        CHECK(at.column == 13);
        CHECK(reader.position(*payload, 0).line == 1);
        CHECK(reader.position(*payload, 0).column == 1);
    }
    SUBCASE("in an array item") {
        std::string text = "[\n  {\"action\": \"X\"},\n  {\n    \"action\": 7\n  }\n]";
        TempInput input(text);
        PayloadReader reader(input.fd());
        REQUIRE(reader.next());
        auto second = reader.next();
        REQUIRE(second);
        std::string item(second->data, second->size);
        TextPosition at = reader.position(*second, item.find("\"action\""));
        CHECK(at.line == 4);
        CHECK(at.column == 5);
    }
    SUBCASE("in an NDJSON line") {
        std::string text = k_event + "\n\n" + k_event + "\n";
        TempInput input(text);
        PayloadReader reader(input.fd());
        REQUIRE(reader.next());
        auto second = reader.next();
        REQUIRE(second);
        TextPosition at = reader.position(*second, 11);
        CHECK(at.line == 3);
        CHECK(at.column == 12);
    }
    SUBCASE("columns after a byte order mark count from the first character") {
        std::string text = "\xEF\xBB\xBF{\"action\": 7}";
        TempInput input(text);
        PayloadReader reader(input.fd());
        auto payload = reader.next();
        REQUIRE(payload);
        CHECK(reader.position(*payload, 1).column == 2);
    }
}

TEST_CASE("PayloadReader: a read error ends the input and is reported") {
    int fd = ::open(".", O_RDONLY | O_DIRECTORY);
    REQUIRE(fd >= 0);
    ReadResult r = read_fd(fd, 64);
    ::close(fd);
    CHECK_FALSE(r.error.empty());
}

namespace {

struct Cut {
    std::vector<Item> items;
    std::size_t consumed = 0;
    std::size_t line = 0;
};

// Cuts `text` as NdjsonLines does, from line `first_line`.
Cut cut_lines(std::string text, std::size_t first_line, bool at_end) {
    text.append(k_payload_padding, '\0');
    NdjsonLines lines(text.data(), text.size() - k_payload_padding, first_line, at_end);
    Cut cut;
    while (auto payload = lines.next()) {
        cut.items.push_back({std::string(payload->data, payload->size), payload->line, payload->index});
        payload->data[payload->size] = '\0';  // as an in-situ parse does
    }
    cut.consumed = lines.consumed();
    cut.line = lines.line();
    return cut;
}

}  // namespace

TEST_CASE("NdjsonLines: the reader's NDJSON rules on a block of text") {
    SUBCASE("blank lines skipped but counted, CRLF, line numbers from the first one given") {
        Cut cut = cut_lines(k_event + "\r\n\r\n  \t\n{bad\n", 10, false);
        REQUIRE(cut.items.size() == 2);
        CHECK(cut.items[0].text == k_event);
        CHECK(cut.items[0].line == 10);
        CHECK(cut.items[1].text == "{bad");
        CHECK(cut.items[1].line == 13);
        CHECK_FALSE(cut.items[0].index);
        CHECK(cut.line == 14);
        CHECK(cut.consumed == k_event.size() + 13);
    }
    SUBCASE("a last line without a newline waits for more text, unless the input ends") {
        Cut open = cut_lines(k_event + "\n" + "{\"a\":", 0, false);
        CHECK(open.items.size() == 1);
        CHECK(open.consumed == k_event.size() + 1);
        CHECK(open.line == 1);
        Cut ended = cut_lines(k_event + "\n" + "{\"a\":\r", 0, true);
        REQUIRE(ended.items.size() == 2);
        CHECK(ended.items[1].text == "{\"a\":");
        CHECK(ended.items[1].line == 1);
        CHECK(ended.line == 2);
    }
    SUBCASE("nothing but blank lines") {
        Cut cut = cut_lines("\n \n\r\n", 1, false);
        CHECK(cut.items.empty());
        CHECK(cut.consumed == 5);
        CHECK(cut.line == 4);
        CHECK(cut_lines("", 1, true).items.empty());
        CHECK(cut_lines("  ", 1, true).line == 2);
    }
    SUBCASE("the same payloads and lines as the reader, in any cut of the text") {
        std::string text = "\n" + k_event + "\r\n\n{bad\n  \n" + k_event + "\n7";
        ReadResult whole = read_text(text);
        for (std::size_t at = 0; at <= text.size(); ++at) {
            CAPTURE(at);
            Cut first = cut_lines(text.substr(0, at), 1, false);
            Cut rest = cut_lines(text.substr(first.consumed), first.line, true);
            std::vector<Item> items = first.items;
            items.insert(items.end(), rest.items.begin(), rest.items.end());
            REQUIRE(items.size() == whole.items.size());
            for (std::size_t i = 0; i < items.size(); ++i) {
                CHECK(items[i].text == whole.items[i].text);
                CHECK(items[i].line == whole.items[i].line);
            }
        }
    }
}

TEST_CASE("PayloadReader::take_unread hands over NDJSON not yet read") {
    SUBCASE("after deciding the layout: the whole text after a byte order mark") {
        std::string text = "\xEF\xBB\xBF" + k_event + "\n" + k_event + "\n";
        TempInput input(text);
        PayloadReader reader(input.fd());
        CHECK(reader.read_layout() == Layout::ndjson);
        PayloadReader::Unread unread = reader.take_unread();
        CHECK(std::string(unread.buffer.data() + unread.begin, unread.end - unread.begin) ==
              text.substr(3));
        CHECK(unread.buffer.size() >= unread.end + k_payload_padding);
        CHECK(unread.line == 1);
        if (unread.at_end) CHECK(unread.end == text.size());  // the end may be unseen yet
        CHECK_FALSE(reader.next());
    }
    SUBCASE("after a payload, from a small buffer: the rest, and its line") {
        std::string text = k_event + "\n\n" + k_event + "\n" + std::string(100, ' ') + "{}";
        TempInput input(text);
        PayloadReader reader(input.fd(), 64);
        REQUIRE(reader.next());
        PayloadReader::Unread unread = reader.take_unread();
        std::string rest(unread.buffer.data() + unread.begin, unread.end - unread.begin);
        CHECK(rest == text.substr(k_event.size() + 1, rest.size()));
        CHECK(unread.line == 2);
        CHECK_FALSE(reader.next());
    }
    SUBCASE("read_layout hands out nothing") {
        TempInput input(k_event + "\n" + k_event + "\n");
        PayloadReader reader(input.fd());
        CHECK(reader.read_layout() == Layout::ndjson);
        CHECK(reader.read_layout() == Layout::ndjson);
        auto payload = reader.next();
        REQUIRE(payload);
        CHECK(payload->line == 1);
    }
}

TEST_CASE("ByteBuffer: grows keeping its bytes, moves without a copy") {
    ByteBuffer buffer(4);
    std::memcpy(buffer.data(), "abcd", 4);
    buffer.resize(1 << 20);
    CHECK(std::string(buffer.data(), 4) == "abcd");
    const char* data = buffer.data();
    ByteBuffer moved(std::move(buffer));
    CHECK(moved.data() == data);
    CHECK(moved.size() == std::size_t{1} << 20);
    CHECK(buffer.size() == 0);  // NOLINT(bugprone-use-after-move): moved-from is empty
    moved.resize(0);
    CHECK(moved.data() == nullptr);
}
