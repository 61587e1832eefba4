#pragma once
// The operating system's calls that differ between Linux, macOS and the BSDs, behind one small
// interface. Two backends implement it: `linux.cpp` (epoll, eventfd, accept4, fdatasync,
// MSG_NOSIGNAL) and `posix.cpp` (poll, a self-pipe, fsync or F_FULLFSYNC, SO_NOSIGPIPE),
// which any POSIX system builds. CMake picks one (FLOWHOOK_PLATFORM); everything above this
// folder is the same code on every system.

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace flowhook::platform {

// "linux" or "posix": the backend this binary was built with (for --version and tests).
const char* backend_name();

// A file descriptor that another thread makes readable to wake a thread that polls it.
class Wakeup {
public:
    Wakeup();  // throws std::system_error
    ~Wakeup();
    Wakeup(const Wakeup&) = delete;
    Wakeup& operator=(const Wakeup&) = delete;

    int fd() const { return m_read; }
    // Makes fd() readable; any thread, and async-signal-safe.
    void signal() const;
    // Makes fd() unreadable again (the polling thread, once it woke).
    void clear() const;

private:
    int m_read = -1;
    int m_write = -1;  // the same descriptor as m_read where one descriptor does both
};

// Waits for any of many sockets to become readable (or closed). One thread owns a Poller and
// calls watch, unwatch and wait; wake() may be called from any thread.
class Poller {
public:
    Poller();  // throws std::system_error
    ~Poller();
    Poller(const Poller&) = delete;
    Poller& operator=(const Poller&) = delete;

    void watch(int fd);
    void unwatch(int fd);  // before the descriptor is closed
    // Waits up to `timeout_ms` (-1: no limit) and puts the sockets that can be read into
    // `ready`; true when wake() was called since the last wait.
    bool wait(int timeout_ms, std::vector<int>& ready);
    void wake() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// A TCP socket that does not block and is not inherited by child processes; -1 (errno set)
// on failure.
int open_socket(int family, int type, int protocol);
// The next connection waiting on `listener`, not blocking and not inherited; -1 (errno set)
// when none waits or on failure.
int accept_connection(int listener);
// send(2) that never raises SIGPIPE: a peer that went away is an EPIPE like any other error.
ssize_t send_data(int fd, const void* data, std::size_t size, int flags = 0);
// Makes what was written to `fd` durable (its data, and the metadata needed to read it back);
// 0, or -1 with errno set.
int sync_data(int fd);

// A listening TCP socket on host:port (port 0: any free port), the first address of `host`
// that binds. Returns the descriptor, or -1 with `error` saying why.
int listen_tcp(const std::string& host, int port, int backlog, std::string& error);
// The local port a socket is bound to; 0 when unknown.
int local_port(int fd);

}  // namespace flowhook::platform
