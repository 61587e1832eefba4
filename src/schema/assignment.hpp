#pragma once
// PATH=VALUE assignments that override fields of sample payloads ("order.Id=42",
// "store.Uid=web-1", "date=2026-01-31"). Parsing (the syntax) and resolving (the type the
// catalogue gives the field) are separate steps, so a fuzzer can drive the parser alone.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowhook::schema {

// A result or the reason there is none: a small stand-in for C++23's std::expected.
template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(std::string error) {
        Result r;
        r.m_error = std::move(error);
        return r;
    }
    explicit operator bool() const { return m_value.has_value(); }
    const T& value() const { return *m_value; }
    T& value() { return *m_value; }
    const T* operator->() const { return &*m_value; }
    const std::string& error() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    std::string m_error;
};

// PATH=VALUE split into PATH's dot-separated names and the VALUE text.
struct Assignment {
    std::vector<std::string> path;  // "order.Id" -> {"order", "Id"}
    std::string value;              // everything after the first '=' (may be empty)
};

// Parses "PATH=VALUE". PATH is one or more non-empty names separated by dots; names cannot
// contain '.', '=' or control characters; PATH and VALUE must be valid UTF-8. Fails with a
// message naming the problem.
Result<Assignment> parse_assignment(std::string_view text);

// What an assignment does to a payload, once typed by the catalogue.
enum class Target {
    action,  // the action's spelling
    id,      // reference.Id
    uid,     // reference.Uid
    date,    // the till date
    extra,   // a field the catalogue does not know (allowed by allow_unknown)
};

struct Override {
    Target target = Target::extra;
    std::string reference;          // id, uid: the reference; extra: the reference it goes in,
                                    // or "" for a top-level field
    std::vector<std::string> path;  // extra: the names below the reference (or the top level)
    std::int64_t id = 0;            // id
    std::string text;               // action, uid, date: the value; extra: the value as JSON
    std::string source;             // the assignment as written, for messages
};

// Types `assignment` by the catalogue: an Id takes an integer 0..2^63-1, a Uid a non-empty
// string, date a calendar date YYYY-MM-DD, action a known spelling. A path the catalogue does
// not know fails unless `allow_unknown`; its value is then JSON when it parses as JSON, a
// string otherwise. Messages start with `source` ("--set order.Id=x: ...").
Result<Override> resolve_assignment(const Assignment& assignment, std::string_view source,
                                    bool allow_unknown);

}  // namespace flowhook::schema
