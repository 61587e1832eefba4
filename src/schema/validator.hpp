#pragma once
// Checks one parsed payload against the catalogue. Returns findings; never prints.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "schema/catalog.hpp"
#include "schema/payload_reader.hpp"

namespace flowhook::schema {

enum class Severity { error, warning };

// Stable finding codes; their names (code_name) are part of flowhook's machine output.
enum class Code {
    invalid_json,     // the text is not JSON
    not_an_object,    // the payload is valid JSON but not an object
    missing_field,    // a required field (action, a reference, Id, Uid, date) is absent
    wrong_type,       // a field has the wrong JSON type
    out_of_range,     // an Id outside 0..2^63-1
    empty_value,      // an empty Uid or action
    invalid_date,     // a date that is not a real YYYY-MM-DD calendar date
    unknown_action,   // an action the catalogue does not know
    action_mismatch,  // not the action the caller required (validate --action)
    duplicate_field,  // the same key twice in one object
    unknown_field,    // a field the catalogue does not know (a warning unless strict)
};

std::string_view code_name(Code code);
std::string_view severity_name(Severity severity);

struct Finding {
    Severity severity = Severity::error;
    Code code = Code::invalid_json;
    std::string pointer;  // JSON Pointer of the value, "" for the whole payload
    std::string message;  // "<pointer>: <what is wrong>", for a person
    // Byte offset of the value (or its key) in the payload text, when known.
    std::optional<std::size_t> offset;
};

struct ValidateOptions {
    bool strict = false;                 // unknown fields are errors, not warnings
    std::optional<std::string> require;  // every payload must be this action (any spelling)
};

struct ValidationResult {
    std::optional<ActionMatch> action;  // set when the payload names a known action
    std::vector<Finding> findings;

    bool valid() const;  // no finding of severity error
    std::size_t count(Severity severity) const;
    void clear();
};

// Validates a parsed payload. `text` is the payload's text when `payload` was parsed in situ
// from it, so findings can carry offsets; pass {} otherwise. Appends to `result`, which the
// caller clears between payloads to reuse its storage.
void validate(const rapidjson::Value& payload, std::string_view text,
              const ValidateOptions& options, ValidationResult& result);

// Parses and validates one payload given as text (a syntax error is an invalid-json finding).
ValidationResult validate_text(std::string_view text, const ValidateOptions& options = {});

// The RapidJSON flags flowhook parses payloads with: in situ, iterative (deep nesting cannot
// overflow the stack), UTF-8 validated.
inline constexpr unsigned k_parse_flags =
    rapidjson::kParseInsituFlag | rapidjson::kParseIterativeFlag |
    rapidjson::kParseValidateEncodingFlag;

// A one-line description of a RapidJSON parse error.
std::string describe_parse_error(rapidjson::ParseErrorCode code);

// A one-line description of the cut or invalid UTF-8 sequence whose first bytes are
// `bytes[0..size)` (up to 4; `available` of them are inside the payload, the rest past its
// end): which byte is wrong, and how.
std::string describe_invalid_utf8(const unsigned char* bytes, std::size_t size,
                                  std::size_t available);

// The invalid-json finding for a NUL byte at `offset` of a payload. JSON text never holds
// one (a string spells it \u0000), and the parser takes it for the end of the text.
Finding nul_byte_finding(std::size_t offset);

// Whether every byte of `data` is ASCII, 8 bytes a step: ASCII is valid UTF-8, so such a
// payload skips the parser's per-byte encoding check, a fifth of the cost of validation.
inline bool is_ascii(const char* data, std::size_t size) {
    std::uint64_t high = 0;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + i, 8);
        high |= word;
    }
    for (; i < size; ++i) high |= static_cast<unsigned char>(data[i]);
    return (high & 0x8080808080808080ULL) == 0;
}

// Payloads up to this size that open an object parse recursively, a tenth of validation's
// time faster than iteratively: their nesting cannot go deeper than their size, about 1 MB of
// stack at worst. The two parsers report the same errors at the same offsets once the text
// opens an object (an invalid first character is "empty" to the iterative one); a
// differential test of millions of mutated payloads found no difference.
inline constexpr std::size_t k_recursive_parse_limit = 8 * 1024;

// Parses `data` (`size` bytes; data[size] is overwritten) in situ into `document`, which may
// be reused with its allocators cleared, and validates it into `result`.
template <typename Document>
void parse_and_validate(char* data, std::size_t size, Document& document,
                        const ValidateOptions& options, ValidationResult& result) {
    data[size] = '\0';
    rapidjson::GenericInsituStringStream<rapidjson::UTF8<>> stream(data);
    constexpr unsigned ascii_flags = k_parse_flags & ~rapidjson::kParseValidateEncodingFlag;
    // The bytes of a cut or invalid UTF-8 sequence, and how many; see below.
    unsigned char sequence[4];
    std::size_t sequence_size = 0;
    if (!is_ascii(data, size)) {
        // The in-situ UTF-8 check copies the up to three bytes after a multi-byte sequence
        // cut short at the very end, shifted left when an escape came before: past the NUL
        // they are the next payload's first bytes in a reader's buffer, so they are put back.
        char after[k_payload_padding - 1];
        std::memcpy(after, data + size + 1, sizeof after);
        document.template ParseStream<k_parse_flags>(stream);
        if (document.HasParseError() &&
            document.GetParseError() == rapidjson::kParseErrorStringInvalidEncoding) {
            // The error is at the sequence's first byte, which the in-situ copy may have
            // overwritten (it writes behind the read head, shifted left by the escapes before
            // it), so that byte may now be anything, a NUL included. The check copied each
            // byte it read, so the last bytes written are the sequence's, in order.
            std::size_t taken = stream.Tell() - document.GetErrorOffset();
            if (taken >= 1 && taken <= sizeof sequence && stream.dst_ &&
                stream.dst_ - data >= static_cast<std::ptrdiff_t>(taken)) {
                std::memcpy(sequence, stream.dst_ - taken, taken);
                sequence_size = taken;
            }
        }
        std::memcpy(data + size + 1, after, sizeof after);
    } else if (size <= k_recursive_parse_limit && data[0] == '{') {
        document.template ParseStream<ascii_flags & ~rapidjson::kParseIterativeFlag>(stream);
    } else {
        document.template ParseStream<ascii_flags>(stream);
    }
    // Where the parser stopped is where it met a NUL: the end, or a NUL inside the payload
    // (the byte under the read head is still the payload's own; in situ writes stay behind).
    // An encoding error is at a byte of 0x80 or more, never a NUL, but may read as one: see
    // above.
    std::size_t stop = document.HasParseError() ? document.GetErrorOffset() : stream.Tell();
    bool encoding = document.HasParseError() &&
                    document.GetParseError() == rapidjson::kParseErrorStringInvalidEncoding;
    if (!encoding && stop < size && data[stop] == '\0') {
        result.findings.push_back(nul_byte_finding(stop));
        return;
    }
    if (encoding && sequence_size > 0) {
        result.findings.push_back({Severity::error, Code::invalid_json, "",
                                   describe_invalid_utf8(sequence, sequence_size, size - stop),
                                   stop});
        return;
    }
    if (document.HasParseError()) {
        result.findings.push_back({Severity::error, Code::invalid_json, "",
                                   describe_parse_error(document.GetParseError()),
                                   document.GetErrorOffset()});
        return;
    }
    validate(document, std::string_view(data, size), options, result);
}

// Whether `text` is a real calendar date written YYYY-MM-DD.
bool is_calendar_date(std::string_view text);

// `name` escaped as one JSON Pointer token (~ -> ~0, / -> ~1).
std::string pointer_token(std::string_view name);

}  // namespace flowhook::schema
