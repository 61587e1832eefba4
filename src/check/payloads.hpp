#pragma once
// The deliveries of flowhook check, made by the schema module: the platform's samples with
// the ids changed so each check's payloads are its own, and deliberately wrong bodies.

#include <string>
#include <string_view>
#include <vector>

namespace flowhook::check {

// A sample as `flowhook send --action ACTION --set ...` makes it, so that a reproduce line
// re-sends exactly these bytes.
struct Payload {
    std::string action;             // the spelling
    std::vector<std::string> sets;  // PATH=VALUE
    bool allow_unknown = false;
    bool valid = true;  // false: send needs --no-validate
    std::string body;
};

// The sample of `spelling` with the Id of its subject (the order of ORDER_SETTLED, the till of
// TILL_OPEN...) set to `id`, plus `sets`. Throws flowhook::Error on an unknown spelling.
Payload sample(std::string_view spelling, long long id, std::vector<std::string> sets = {},
               bool allow_unknown = false);

// A body that is not what the platform sends, and what it is.
struct Malformed {
    std::string what;  // "not JSON", "an empty body", ...
    std::string body;
    bool json = false;  // the body is JSON (a wrong shape rather than broken text)
};

// Not JSON, an empty body, a body cut short, a JSON array, order.Id as a string, no action;
// made from the sample of ORDER_SETTLED with order.Id `id`.
std::vector<Malformed> malformed_bodies(long long id);

// The sale scenario's events in an order the platform may use: the receipt and the stock
// changes before the order they belong to. `seed` makes the ids.
std::vector<std::string> sale_out_of_order(unsigned long long seed);

// The sample of ORDER_SETTLED with order.Id `id`, its order.Uid padded so that the body is
// `size` bytes; `prefix` and `suffix` are the bytes around the padding of 'x'.
struct Padded {
    std::string body;
    std::string prefix, suffix;
    std::size_t padding = 0;
};
Padded padded_sample(long long id, std::size_t size);

}  // namespace flowhook::check
