#include "http/event_streams.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "platform/platform.hpp"

namespace flowhook::http {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view k_keep_alive = ": keep-alive\n\n";
// A stream whose client has taken none of the bytes waiting for it for this long is closed,
// even when nothing new is published that would overflow its backlog.
constexpr auto k_stuck = std::chrono::seconds(30);

struct Stream {
    int fd = -1;
    std::string pending;  // not yet sent; the first `offset` bytes of it are
    std::size_t offset = 0;
    Clock::time_point last_write;
    std::size_t limit = 0;  // of waiting bytes: the backlog, plus what it was adopted with
    std::size_t waiting() const { return pending.size() - offset; }
};

}  // namespace

struct EventStreams::Impl {
    explicit Impl(StreamOptions stream_options) : options(stream_options) {
        thread = std::thread([this] { loop(); });
    }

    void wake() { wakeup.signal(); }

    void loop();
    // Writes what each stream has waiting, as far as its socket takes it; closes the broken.
    void flush(Clock::time_point now);
    void close_at(std::size_t i) {
        ::close(streams[i].fd);
        streams.erase(streams.begin() + static_cast<std::ptrdiff_t>(i));
        --claimed;
    }

    StreamOptions options;
    platform::Wakeup wakeup;
    std::thread thread;
    mutable std::mutex mutex;
    std::vector<Stream> streams;  // guarded by mutex
    std::size_t claimed = 0;      // streams plus places reserved and not yet adopted; guarded
    bool stopping = false;        // guarded
    bool due = false;             // something was published since the last flush; guarded
    bool tick_wanted = false;     // guarded
    std::function<void()> tick;
};

void EventStreams::Impl::loop() {
    Clock::time_point last_flush{};
    std::vector<pollfd> fds;
    for (;;) {
        auto now = Clock::now();
        int timeout = -1;
        {
            std::unique_lock lock(mutex);
            if (stopping) break;
            if ((due || tick_wanted) && now - last_flush >= options.flush_every) {
                if (tick_wanted && tick) {
                    tick_wanted = false;
                    lock.unlock();  // the producer takes its own lock, then publishes
                    tick();
                    lock.lock();
                    if (stopping) break;
                }
                tick_wanted = false;
                due = false;
                last_flush = now;
                flush(now);
            }
            fds.clear();
            fds.push_back({wakeup.fd(), POLLIN, 0});
            Clock::time_point next = Clock::time_point::max();
            for (const Stream& stream : streams) {
                fds.push_back({stream.fd, static_cast<short>(POLLIN | (stream.waiting() ? POLLOUT : 0)), 0});
                // A quiet stream is due a keep-alive; a stuck one (bytes waiting, none taken) its
                // end. A stream whose bytes wait is woken by POLLOUT, not by a deadline.
                next = std::min(next, stream.last_write + (stream.waiting() ? k_stuck : options.keep_alive));
            }
            if (due || tick_wanted) next = std::min(next, last_flush + options.flush_every);
            if (next != Clock::time_point::max())
                timeout = static_cast<int>(std::clamp<long long>(
                    std::chrono::ceil<std::chrono::milliseconds>(next - now).count(), 0, 60000));
        }
        int ready = ::poll(fds.data(), fds.size(), timeout);
        if (ready < 0 && errno != EINTR) break;
        std::lock_guard lock(mutex);
        if (stopping) break;
        if (fds[0].revents & POLLIN) wakeup.clear();
        now = Clock::now();
        // A client sends nothing on an event stream: whatever it sends is dropped, and its end
        // or an error closes the stream. Streams still pending get written in the next flush.
        for (std::size_t i = fds.size(); i-- > 1;) {
            if (!fds[i].revents) continue;
            auto it = std::find_if(streams.begin(), streams.end(), [&](const Stream& s) { return s.fd == fds[i].fd; });
            if (it == streams.end()) continue;
            std::size_t at = static_cast<std::size_t>(it - streams.begin());
            bool broken = fds[i].revents & (POLLERR | POLLHUP | POLLNVAL);
            if (!broken && (fds[i].revents & POLLIN)) {
                char scratch[4096];
                ssize_t n = ::recv(it->fd, scratch, sizeof scratch, MSG_DONTWAIT);
                broken = n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
            }
            if (broken) {
                close_at(at);
            } else if (fds[i].revents & POLLOUT) {
                due = true;  // the socket takes more: write the rest without waiting a tick
                last_flush = Clock::time_point{};
            }
        }
        for (std::size_t i = streams.size(); i-- > 0;) {
            Stream& stream = streams[i];
            if (stream.waiting()) {
                if (now - stream.last_write >= k_stuck) close_at(i);  // reads nothing at all
            } else if (now - stream.last_write >= options.keep_alive) {
                stream.pending.assign(k_keep_alive);
                stream.offset = 0;
                due = true;
                last_flush = Clock::time_point{};
            }
        }
    }
    std::lock_guard lock(mutex);
    for (Stream& stream : streams) ::close(stream.fd);
    claimed -= streams.size();
    streams.clear();
}

void EventStreams::Impl::flush(Clock::time_point now) {
    for (std::size_t i = streams.size(); i-- > 0;) {
        Stream& stream = streams[i];
        bool broken = false;
        while (stream.waiting()) {
            ssize_t n = platform::send_data(stream.fd, stream.pending.data() + stream.offset, stream.waiting(),
                                            MSG_DONTWAIT);
            if (n > 0) {
                stream.offset += static_cast<std::size_t>(n);
                stream.last_write = now;
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            if (n < 0 && errno == EINTR) continue;
            broken = true;
            break;
        }
        if (broken) {
            close_at(i);
            continue;
        }
        if (!stream.waiting()) {
            stream.pending.clear();
            stream.offset = 0;
            stream.limit = options.backlog;  // caught up: from now on the plain backlog
        } else if (stream.offset > stream.pending.size() / 2) {
            stream.pending.erase(0, stream.offset);
            stream.offset = 0;
        }
    }
}

EventStreams::EventStreams(StreamOptions options) : m_impl(std::make_unique<Impl>(options)) {}

EventStreams::~EventStreams() {
    stop();
}

bool EventStreams::reserve() {
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->stopping || m_impl->claimed >= m_impl->options.max_streams) return false;
    ++m_impl->claimed;
    return true;
}

void EventStreams::adopt(int fd, std::string first) {
    {
        std::lock_guard lock(m_impl->mutex);
        if (fd < 0 || m_impl->stopping) {
            if (fd >= 0) ::close(fd);
            --m_impl->claimed;
            return;
        }
        std::size_t limit = m_impl->options.backlog + first.size();
        m_impl->streams.push_back({fd, std::move(first), 0, Clock::now(), limit});
        m_impl->due = true;
    }
    m_impl->wake();
}

void EventStreams::publish(std::string_view text) {
    bool wake = false;
    {
        std::lock_guard lock(m_impl->mutex);
        Impl& impl = *m_impl;
        for (std::size_t i = impl.streams.size(); i-- > 0;) {
            Stream& stream = impl.streams[i];
            if (stream.waiting() && stream.waiting() + text.size() > stream.limit) {
                impl.close_at(i);  // it does not keep up: it reconnects with Last-Event-ID
                continue;
            }
            stream.pending.append(text);
        }
        if (!impl.streams.empty() && !impl.due) wake = impl.due = true;
    }
    if (wake) m_impl->wake();
}

void EventStreams::poke() {
    bool wake = false;
    {
        std::lock_guard lock(m_impl->mutex);
        if (!m_impl->tick_wanted) wake = m_impl->tick_wanted = true;
    }
    if (wake) m_impl->wake();
}

void EventStreams::set_tick(std::function<void()> tick) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->tick = std::move(tick);
}

std::size_t EventStreams::count() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->claimed;
}

void EventStreams::stop() {
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->stopping) return;
        m_impl->stopping = true;
    }
    m_impl->wake();
    if (m_impl->thread.joinable()) m_impl->thread.join();
}

}  // namespace flowhook::http
