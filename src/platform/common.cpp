// What every backend does the same way: plain POSIX sockets.
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "platform/platform.hpp"

namespace flowhook::platform {
namespace {

struct AddressList {
    addrinfo* first = nullptr;
    ~AddressList() {
        if (first) ::freeaddrinfo(first);
    }
};

int bind_and_listen(const addrinfo& address, int backlog) {
    int fd = open_socket(address.ai_family, address.ai_socktype, address.ai_protocol);
    if (fd < 0) return -1;
    // SO_REUSEADDR lets a restarted listener take its port while old connections linger;
    // SO_REUSEPORT is not set, so a second listener cannot share the port by mistake.
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (address.ai_family == AF_INET6) {
        // "::" means every IPv6 address, and IPv4 too where the system allows it.
        int no = 0;
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
    }
    if (::bind(fd, address.ai_addr, address.ai_addrlen) == 0 && ::listen(fd, backlog) == 0) return fd;
    int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
}

}  // namespace

int listen_tcp(const std::string& host, int port, int backlog, std::string& error) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    AddressList addresses;
    std::string service = std::to_string(port);
    if (int failed = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints,
                                   &addresses.first)) {
        error = ::gai_strerror(failed);
        return -1;
    }
    int last_errno = 0;
    for (const addrinfo* address = addresses.first; address; address = address->ai_next) {
        int fd = bind_and_listen(*address, backlog);
        if (fd >= 0) return fd;
        last_errno = errno;
    }
    error = last_errno ? std::strerror(last_errno) : "no address to listen on";
    return -1;
}

int local_port(int fd) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
    if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    return 0;
}

}  // namespace flowhook::platform
