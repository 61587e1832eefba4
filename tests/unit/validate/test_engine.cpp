#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../piped_text.hpp"
#include "validate/engine.hpp"

using namespace flowhook;

namespace {

// What a reporter is told about one payload.
struct Seen {
    std::size_t line;
    bool valid;
    std::vector<std::size_t> columns;  // of each finding

    bool operator==(const Seen&) const = default;
};

class Recorder : public output::Reporter {
public:
    std::vector<Seen> seen;

    void payload(const output::PayloadOutcome& outcome) override {
        CHECK_FALSE(outcome.index);
        CHECK_FALSE(outcome.whole_file);
        Seen one{outcome.line, outcome.result->valid(), {}};
        for (std::size_t i = 0; i < outcome.result->findings.size(); ++i) {
            CHECK(outcome.positions[i].line == outcome.line);
            one.columns.push_back(outcome.positions[i].column);
        }
        seen.push_back(std::move(one));
    }
    void finish(const output::Totals&) override {}
};

// Validates `text`, read from a pipe in pieces of `piece` bytes, on `jobs` threads.
std::vector<Seen> validate_piped(const std::string& text, unsigned jobs, std::size_t piece) {
    PipedText input(text, piece);
    schema::ValidateOptions options;
    Recorder recorder;
    output::Totals totals;
    util::Progress progress("payloads", false);
    validate::StreamValidator validator(options, recorder, totals, jobs, progress);
    CHECK(validator.check_stream(input.fd(), "-"));
    CHECK(totals.payloads == recorder.seen.size());
    return recorder.seen;
}

const std::string k_valid =
    R"({"action":"ORDER_SETTLED","tenant":{"Id":7,"Uid":"7"},"store":{"Id":1,"Uid":"70"},)"
    R"("order":{"Id":1,"Uid":"700"},"tenantUser":{"Id":7,"Uid":"9"})";

// Lines of every kind, long ones among them, so that the blocks of the parallel reader
// (about a MB) end at every kind of place: in a line, in a CRLF, in blank lines.
std::string mixed_ndjson(std::size_t lines) {
    std::string text = "\xEF\xBB\xBF\n";
    for (std::size_t i = 0; i < lines; ++i) {
        switch (i % 11) {
            case 3: text += "{not json\r\n"; break;
            case 5: text += "\n  \r\n"; break;
            case 7: text += R"({"action":"ORDER_SETTLED","order":{"Id":"7"}})" "\n"; break;
            case 9: text += k_valid + R"(,"note":")" + std::string(i * 7919 % 300000, 'x') + "\"}\n"; break;
            default: text += k_valid + "}\n";
        }
    }
    return text + k_valid;  // a last line without its newline
}

}  // namespace

TEST_CASE("StreamValidator: NDJSON on several threads reports what one thread does") {
    std::string text = mixed_ndjson(400);
    REQUIRE(text.size() > 3 * (std::size_t{1} << 20));
    std::vector<Seen> one = validate_piped(text, 1, 1 << 16);
    REQUIRE(one.size() > 300);
    CHECK(one.front().line == 2);
    CHECK(one.back().line > 400);
    for (unsigned jobs : {2u, 3u}) {
        CAPTURE(jobs);
        CHECK(validate_piped(text, jobs, 1 << 16) == one);
        CHECK(validate_piped(text, jobs, 4093) == one);
    }
}

TEST_CASE("StreamValidator: a line cut short in a UTF-8 sequence leaves the next line alone") {
    // The parser's UTF-8 check copies bytes past the end of such a line, shifted left by
    // the escape before: onto the next line's first bytes, unless they are put back.
    std::string text = k_valid + "}\n" + R"({"a":"\t)" + "\xF0\n" + k_valid + "}\n";
    for (unsigned jobs : {1u, 2u}) {
        CAPTURE(jobs);
        std::vector<Seen> seen = validate_piped(text, jobs, 1 << 16);
        REQUIRE(seen.size() == 3);
        CHECK_FALSE(seen[1].valid);
        CHECK(seen[2].valid);
    }
}

TEST_CASE("StreamValidator: a line longer than a block, first or later, on several threads") {
    std::string huge = k_valid + R"(,"note":")" + std::string(3 << 20, 'y') + "\"}";
    std::string text = huge + "\n" + k_valid + "}\n\n" + huge + "\r\n{\n" + huge;
    std::vector<Seen> one = validate_piped(text, 1, 1 << 16);
    REQUIRE(one.size() == 5);
    CHECK(one[4].line == 6);
    CHECK(validate_piped(text, 2, 1 << 16) == one);
}

namespace {

// The finding for `text` as the iterative parser sees it: the parser of every payload that
// is too big for the recursive one, or does not open an object.
std::optional<std::pair<std::string, std::size_t>> iterative_error(std::string text) {
    text.append(schema::k_payload_padding, '\0');
    rapidjson::Document document;
    document.ParseInsitu<schema::k_parse_flags>(text.data());
    if (!document.HasParseError()) return std::nullopt;
    return std::pair(schema::describe_parse_error(document.GetParseError()), document.GetErrorOffset());
}

}  // namespace

TEST_CASE("PayloadParser: small objects parse recursively with the iterative parser's errors") {
    schema::ValidateOptions options;
    validate::PayloadParser parser(options);
    schema::ValidationResult result;
    std::mt19937 random(7);
    const std::string noise = "{}[]:,\"\\ \t0-1e.+tfnu\x01\x7f";
    std::size_t broken = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text = k_valid + "}";
        for (int edits = 1 + static_cast<int>(random() % 4); edits > 0 && !text.empty(); --edits) {
            std::size_t at = random() % text.size();
            char c = noise[random() % noise.size()];
            switch (random() % 4) {
                case 0: text.erase(at, 1 + random() % 3); break;
                case 1: text.insert(at, 1, c); break;
                case 2: text[at] = c; break;
                default: text.resize(at);
            }
        }
        CAPTURE(text);
        auto expected = iterative_error(text);
        std::string copy = text + std::string(schema::k_payload_padding, '\0');
        parser.check(copy.data(), text.size(), result);
        if (!expected) {
            for (const schema::Finding& finding : result.findings)
                CHECK(finding.code != schema::Code::invalid_json);
            continue;
        }
        ++broken;
        REQUIRE(result.findings.size() == 1);
        CHECK(result.findings[0].message == expected->first);
        CHECK(result.findings[0].offset == expected->second);
    }
    CHECK(broken > 10000);
}

TEST_CASE("PayloadParser: the deepest nesting a recursively parsed payload can hold") {
    std::size_t depth = schema::k_recursive_parse_limit - 8;
    std::string text = R"({"a":)" + std::string(depth, '[') + std::string(depth, ']');
    text.resize(schema::k_recursive_parse_limit - 1);
    text += "}";
    schema::ValidateOptions options;
    validate::PayloadParser parser(options);
    schema::ValidationResult result;
    std::thread([&] {  // on a worker's stack, as validate --jobs does
        std::string copy = text + std::string(schema::k_payload_padding, '\0');
        parser.check(copy.data(), text.size(), result);
    }).join();
    REQUIRE_FALSE(result.findings.empty());
    CHECK(result.findings[0].code == schema::Code::invalid_json);  // the brackets do not close
}
