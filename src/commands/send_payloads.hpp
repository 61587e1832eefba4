#pragma once
// What flowhook send delivers: payloads read from files and stdin, generated samples, and
// recorded deliveries, each validated before it may be sent.

#include <cstdint>
#include <string>
#include <vector>

#include "http/client.hpp"
#include "schema/sample.hpp"

namespace flowhook::commands {

// One payload to deliver.
struct Delivery {
    std::string name;       // "events.ndjson:3", "batch.json[2]", "sample ORDER_SETTLED"
    std::string body;       // sent byte for byte
    http::Headers headers;  // a replayed delivery's recorded headers
    std::string action;     // as the payload spells it; empty when unknown
    std::vector<std::string> problems;  // validation errors: not sent unless --no-validate
    bool valid() const { return problems.empty(); }
};

struct PayloadSources {
    std::vector<std::string> paths;    // "-" for stdin
    std::vector<std::string> actions;  // a sample of each
    schema::SampleOptions sample;
    std::string replay;  // a listen record file
};

// Reads every payload, in the order given: files, then samples, then replayed records.
// Throws flowhook::Error when a file cannot be read, an action is unknown or a --set is bad.
std::vector<Delivery> read_deliveries(const PayloadSources& sources);

// Validates each delivery against the schema, setting its action and problems.
void validate_deliveries(std::vector<Delivery>& deliveries);

// Each delivery `copies` times, copies next to each other.
void duplicate_deliveries(std::vector<Delivery>& deliveries, int copies);

// A reproducible random order: the same seed gives the same order.
void shuffle_deliveries(std::vector<Delivery>& deliveries, std::uint64_t seed);

// The recorded deliveries of a listen record file (see README, "The record format"), in order.
// A line that is not a complete record is reported on stderr with its number and skipped.
// Throws flowhook::Error when the file cannot be read.
std::vector<Delivery> read_replay(const std::string& path);

}  // namespace flowhook::commands
