// The portable backend: only what POSIX specifies (poll, a self-pipe, fsync), with the
// BSD and macOS spellings where they exist. Linux builds it too (FLOWHOOK_PLATFORM=posix), so
// the code macOS and the BSDs would run is tested on every CI run.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <system_error>
#include <unordered_map>

#include "platform/platform.hpp"

namespace flowhook::platform {
namespace {

// Non-blocking and close-on-exec, for systems whose socket() and pipe() cannot say so.
bool set_flags(int fd) {
    return ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 &&
           ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC) == 0;
}

void close_quietly(int fd) {
    int saved = errno;
    ::close(fd);
    errno = saved;
}

#if !defined(SO_NOSIGPIPE) && !defined(MSG_NOSIGNAL)
// Where a socket cannot be told not to raise SIGPIPE, the process ignores it once.
void ignore_sigpipe_once() {
    static const bool ignored = [] {
        std::signal(SIGPIPE, SIG_IGN);
        return true;
    }();
    (void)ignored;
}
#endif

// A new socket made non-blocking, close-on-exec and silent on a broken pipe; -1 when it could
// not be (closed then) or was not made at all.
int prepared(int fd) {
    if (fd < 0) return -1;
    if (!set_flags(fd)) {
        close_quietly(fd);
        return -1;
    }
#ifdef SO_NOSIGPIPE
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, sizeof yes);
#elif !defined(MSG_NOSIGNAL)
    ignore_sigpipe_once();
#endif
    return fd;
}

}  // namespace

const char* backend_name() { return "posix"; }

Wakeup::Wakeup() {
    int ends[2];
    if (::pipe(ends) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
    m_read = ends[0];
    m_write = ends[1];
    if (!set_flags(m_read) || !set_flags(m_write)) {
        int saved = errno;
        ::close(m_read);
        ::close(m_write);
        throw std::system_error(saved, std::generic_category(), "fcntl");
    }
}

Wakeup::~Wakeup() {
    ::close(m_read);
    ::close(m_write);
}

void Wakeup::signal() const {
    // A full pipe is already readable: the wake-up is not lost.
    char one = 1;
    [[maybe_unused]] auto n = ::write(m_write, &one, 1);
}

void Wakeup::clear() const {
    char drained[256];
    while (::read(m_read, drained, sizeof drained) > 0) {
    }
}

// One pollfd per watched socket; a socket's place in the array is kept in a map, so that
// watching and unwatching cost the same whatever the number of sockets.
struct Poller::Impl {
    Wakeup wakeup;
    std::vector<pollfd> fds;
    std::unordered_map<int, std::size_t> index;
};

Poller::Poller() : m_impl(std::make_unique<Impl>()) {
    m_impl->fds.push_back({m_impl->wakeup.fd(), POLLIN, 0});
}

Poller::~Poller() = default;

void Poller::watch(int fd) {
    if (!m_impl->index.emplace(fd, m_impl->fds.size()).second) return;
    m_impl->fds.push_back({fd, POLLIN, 0});
}

void Poller::unwatch(int fd) {
    auto it = m_impl->index.find(fd);
    if (it == m_impl->index.end()) return;
    std::size_t at = it->second;
    m_impl->index.erase(it);
    if (at != m_impl->fds.size() - 1) {
        m_impl->fds[at] = m_impl->fds.back();
        m_impl->index[m_impl->fds[at].fd] = at;
    }
    m_impl->fds.pop_back();
}

bool Poller::wait(int timeout_ms, std::vector<int>& ready) {
    ready.clear();
    auto& fds = m_impl->fds;
    if (::poll(fds.data(), static_cast<nfds_t>(fds.size()), timeout_ms) <= 0) return false;
    bool woken = fds[0].revents != 0;
    if (woken) m_impl->wakeup.clear();
    for (std::size_t i = 1; i < fds.size(); ++i)
        if (fds[i].revents) ready.push_back(fds[i].fd);
    return woken;
}

void Poller::wake() const { m_impl->wakeup.signal(); }

int open_socket(int family, int type, int protocol) { return prepared(::socket(family, type, protocol)); }

int accept_connection(int listener) { return prepared(::accept(listener, nullptr, nullptr)); }

ssize_t send_data(int fd, const void* data, std::size_t size, int flags) {
#ifdef MSG_NOSIGNAL
    flags |= MSG_NOSIGNAL;
#endif
    return ::send(fd, data, size, flags);
}

int sync_data(int fd) {
#ifdef F_FULLFSYNC
    // macOS: fsync() leaves the data in the drive's cache; F_FULLFSYNC flushes it.
    if (::fcntl(fd, F_FULLFSYNC) == 0) return 0;
#endif
    return ::fsync(fd);
}

}  // namespace flowhook::platform
