// The Linux backend: epoll and eventfd, so that waiting on thousands of connections costs
// nothing per idle one, and the flags that save a system call per socket.
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

#include "platform/platform.hpp"

namespace flowhook::platform {

const char* backend_name() { return "linux"; }

Wakeup::Wakeup() {
    m_read = m_write = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_read < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
}

Wakeup::~Wakeup() { ::close(m_read); }

void Wakeup::signal() const {
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(m_write, &one, sizeof one);
}

void Wakeup::clear() const {
    std::uint64_t count;
    [[maybe_unused]] auto n = ::read(m_read, &count, sizeof count);
}

struct Poller::Impl {
    int epoll = -1;
    Wakeup wakeup;
    std::vector<epoll_event> events = std::vector<epoll_event>(256);
};

Poller::Poller() : m_impl(std::make_unique<Impl>()) {
    m_impl->epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_impl->epoll < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
    watch(m_impl->wakeup.fd());
}

Poller::~Poller() { ::close(m_impl->epoll); }

void Poller::watch(int fd) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    ::epoll_ctl(m_impl->epoll, EPOLL_CTL_ADD, fd, &event);
}

void Poller::unwatch(int fd) { ::epoll_ctl(m_impl->epoll, EPOLL_CTL_DEL, fd, nullptr); }

bool Poller::wait(int timeout_ms, std::vector<int>& ready) {
    ready.clear();
    auto& events = m_impl->events;
    int n = ::epoll_wait(m_impl->epoll, events.data(), static_cast<int>(events.size()), timeout_ms);
    bool woken = false;
    for (int i = 0; i < n; ++i) {
        int fd = events[static_cast<std::size_t>(i)].data.fd;
        if (fd == m_impl->wakeup.fd()) {
            m_impl->wakeup.clear();
            woken = true;
        } else {
            ready.push_back(fd);
        }
    }
    return woken;
}

void Poller::wake() const { m_impl->wakeup.signal(); }

int open_socket(int family, int type, int protocol) {
    return ::socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
}

int accept_connection(int listener) { return ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC); }

ssize_t send_data(int fd, const void* data, std::size_t size, int flags) {
    return ::send(fd, data, size, flags | MSG_NOSIGNAL);
}

int sync_data(int fd) { return ::fdatasync(fd); }

}  // namespace flowhook::platform
