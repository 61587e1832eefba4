#pragma once
// Long-lived event streams (text/event-stream) on their own thread. A worker that answers a
// stream's request hands its socket over here and is free at once, so streams never hold the
// threads that answer deliveries. One thread writes every stream, without ever blocking:
// what a client has not read yet waits in a small per-stream backlog, and a client that falls
// further behind is cut off (it reconnects and catches up on its own).

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace flowhook::http {

struct StreamOptions {
    std::size_t max_streams = 16;
    // Unsent bytes a stream may hold; past it the stream is closed. One event larger than it
    // is still taken when nothing else waits, and a stream that catches up (what it was
    // adopted with) may hold that much more until it has sent it.
    std::size_t backlog = 1024 * 1024;
    // Published text is written at most this often: under load, many events go out in one
    // write instead of one write each.
    std::chrono::milliseconds flush_every{100};
    // A comment line this often on a quiet stream, so that proxies and the client see it alive.
    std::chrono::milliseconds keep_alive{15000};
};

class EventStreams {
public:
    explicit EventStreams(StreamOptions options = {});
    ~EventStreams();  // closes every stream
    EventStreams(const EventStreams&) = delete;
    EventStreams& operator=(const EventStreams&) = delete;

    // Claims a place for one more stream; false when max_streams are open or claimed. Each
    // true is followed by exactly one adopt().
    bool reserve();
    // Takes `fd` (non-blocking, its answer's head already sent) with `first`, the text it
    // gets before anything published later; fd -1 only gives the place back.
    void adopt(int fd, std::string first);
    // Queues `text` for every open stream.
    void publish(std::string_view text);
    // Asks for one call of the tick (see set_tick) at the next write, at most flush_every
    // after the last: how a producer that holds events back (coalescing) gets them out.
    void poke();
    // Called on the streams' thread, without their lock held, when poked; it may publish().
    // Set before the first stream.
    void set_tick(std::function<void()> tick);
    // Open streams (places claimed included).
    std::size_t count() const;
    // Closes every stream and refuses new ones.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace flowhook::http
