#pragma once
// The deliveries the inspector keeps: the newest --ui-keep of them, at most --ui-keep-bytes in
// all, each as the API's JSON object (the --record line plus id, size, step, answer_ms,
// first_id, forward, encoding). Every addition is an event with a sequence number, published
// to the event streams; a stream that resumes gets what it missed from here.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/client.hpp"
#include "http/event_streams.hpp"

namespace flowhook::listen::inspector {

// What the app at --forward-to did with a delivery.
struct ForwardNote {
    std::string url;
    std::optional<int> status;  // nullopt: it did not answer
    double latency_ms = 0;
    std::optional<std::string> error;
};

// One delivery as the listener handled it.
struct Arrival {
    std::string_view record_line;  // output::record_line's text, "{...}\n"
    std::string_view body;         // the bytes received
    const http::Headers* headers = nullptr;
    std::optional<std::string> step;  // the scripted step that answered, when scripted
    std::optional<double> answer_ms;
    std::optional<ForwardNote> forward;
    std::optional<std::string> encoding;  // the Content-Encoding it came with
};

// What a replay sends again.
struct ReplaySource {
    std::string body;
    http::Headers headers;  // the recorded ones a replay may send again (no transport headers)
};

struct KeepLimits {
    std::size_t count = 1000;
    std::size_t bytes = 64 * 1024 * 1024;
};

class Store {
public:
    // `run` begins every event id ("RUN-SEQ"), so that a page that outlives a restart of the
    // listener, and resumes with an id of the run before, gets a reset.
    Store(KeepLimits limits, http::EventStreams* streams, std::string run);

    const std::string& run() const { return m_run; }

    // Keeps `arrival` (forgetting the oldest beyond the limits), publishes it; its id.
    std::uint64_t add(const Arrival& arrival);
    // Keeps the newest records of a --record file (read from its end, at most the limits);
    // lines that are not whole JSON records are skipped. How many it kept.
    std::size_t seed(const std::string& path);

    // The JSON array of kept deliveries, oldest first: those after `after` (the first `limit`
    // of them), or without `after` the newest `limit`.
    std::string list(std::optional<std::uint64_t> after, std::size_t limit) const;
    // One delivery's object, when it is kept.
    std::optional<std::string> one(std::uint64_t id) const;
    std::optional<ReplaySource> replay_source(std::uint64_t id) const;

    // Hands a stream's socket (-1: none after all) to the event streams with what it missed
    // after `last_seen` (every kept event after it, once; "event: reset" first when some of
    // them are no longer kept); without `last_seen`, only an `id:` of the current sequence.
    // What is held back for a coalesced event is published first, so that it never reaches
    // this stream twice.
    void attach(int fd, std::optional<std::uint64_t> last_seen);

    std::size_t size() const;

    // Under load, deliveries beyond k_full_per_window in a window of the streams' flush are
    // held back and published as one "event: coalesced" naming their ids; the page fetches
    // them from the API. Publishes what is held back (the event streams' tick).
    void publish_held();
    static constexpr std::size_t k_full_per_window = 5;

private:
    struct Kept {
        std::uint64_t id = 0;
        std::uint64_t seq = 0;
        std::uint64_t hash = 0;
        std::string json;
        ReplaySource source;
        std::size_t bytes() const;
    };
    std::uint64_t keep(Kept kept, const std::optional<std::string>& extras_json);
    void trim();
    std::string event_id(std::uint64_t seq) const { return m_run + "-" + std::to_string(seq); }
    std::string event_text(const Kept& kept) const;

    KeepLimits m_limits;
    http::EventStreams* m_streams;
    std::string m_run;
    mutable std::mutex m_mutex;
    std::deque<Kept> m_kept;  // ids increasing
    std::size_t m_bytes = 0;
    std::uint64_t m_next_id = 1;
    std::uint64_t m_seq = 0;          // of the last event
    std::uint64_t m_forgotten_seq = 0;  // the newest event of a delivery no longer kept
    std::unordered_map<std::uint64_t, std::uint64_t> m_first;  // body hash -> first kept id
    // Coalescing (guarded by m_mutex): this window's full events, and what is held back.
    std::chrono::steady_clock::time_point m_window_start{};
    std::size_t m_window_full = 0;
    std::uint64_t m_held_first = 0;  // ids held back, first to last; 0: none
    std::uint64_t m_held_last = 0;
    std::uint64_t m_held_seq = 0;  // the event of the last one held
    std::size_t m_held = 0;
    void publish_held_locked();
};

// Headers a replay sends again: not those the transport sets itself, nor credentials.
http::Headers replayable(const http::Headers& received);

}  // namespace flowhook::listen::inspector
