#pragma once
// What flowhook send delivers: payloads read from files and stdin, generated samples, and
// recorded deliveries, each validated before it may be sent.

#include <cstdint>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "delivery/replay.hpp"
#include "http/client.hpp"
#include "schema/payload_reader.hpp"
#include "schema/sample.hpp"

namespace flowhook::send {

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
    int copies = 1;      // --duplicate: each payload this many times, copies next to each other
    bool enforce_schema = true;  // false (--no-validate): problems are not kept
};

// Hands out the deliveries of a run one at a time, in order, to any number of workers: files
// are read as the run goes, so a million-line NDJSON file costs a line of memory, not the
// file. The order is files, then samples, then replayed records. Each delivery comes validated
// (its action and problems set).
class DeliverySource {
public:
    // Finds every usage problem before anything is sent: a file that cannot be opened, an
    // unknown action, a bad --set. Throws flowhook::Error.
    explicit DeliverySource(const PayloadSources& sources);
    ~DeliverySource();
    DeliverySource(const DeliverySource&) = delete;
    DeliverySource& operator=(const DeliverySource&) = delete;

    // Reads every payload now and hands them out in a reproducible random order: the same
    // seed gives the same order. (--shuffle cannot stream: it needs all of them first.)
    void shuffle(std::uint64_t seed);

    // The next delivery, or nullopt when there are no more. Safe to call from many threads.
    std::optional<Delivery> next();

    std::size_t handed_out() const;
    // True when an input could not be read to its end; each such error was printed on stderr.
    bool read_failed() const;

private:
    std::optional<Delivery> take();  // the next payload or copy of one, not yet validated
    std::optional<Delivery> pull();  // the next payload read or made
    std::optional<Delivery> next_from_files();
    std::optional<Delivery> next_from_replay();
    void open_next_file();
    void close_file();
    void report_read_error(const std::string& name, const std::string& why);

    PayloadSources m_sources;
    mutable std::mutex m_mutex;
    std::size_t m_next_path = 0;
    int m_fd = -1;
    std::string m_file_name;
    std::unique_ptr<schema::PayloadReader> m_reader;
    std::vector<Delivery> m_samples;
    std::size_t m_next_sample = 0;
    std::unique_ptr<delivery::ReplayReader> m_replay;
    std::optional<Delivery> m_copied;  // the payload whose --duplicate copies are under way
    int m_copies_made = 0;
    std::optional<std::vector<Delivery>> m_shuffled;
    std::size_t m_next_shuffled = 0;
    std::size_t m_handed_out = 0;
    bool m_read_failed = false;
};

// Validates a delivery against the schema, setting its action and, when `enforce`, problems.
void validate_delivery(Delivery& delivery, bool enforce);

}  // namespace flowhook::send
