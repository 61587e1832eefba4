#include <doctest/doctest.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "platform/platform.hpp"

using namespace flowhook::platform;
using namespace std::chrono_literals;

namespace {

// A connected pair of stream sockets, closed at the end of the test.
struct SocketPair {
    int ends[2] = {-1, -1};
    SocketPair() { REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, ends) == 0); }
    ~SocketPair() {
        for (int fd : ends)
            if (fd >= 0) ::close(fd);
    }
};

bool contains(const std::vector<int>& fds, int fd) { return std::find(fds.begin(), fds.end(), fd) != fds.end(); }

int connect_to_loopback(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    return fd;
}

}  // namespace

TEST_CASE("the backend names itself") {
    std::string name = backend_name();
    CHECK((name == "linux" || name == "posix"));
}

TEST_CASE("a poller reports only the sockets that can be read") {
    Poller poller;
    SocketPair quiet, talking;
    poller.watch(quiet.ends[0]);
    poller.watch(talking.ends[0]);
    std::vector<int> ready;
    CHECK_FALSE(poller.wait(0, ready));
    CHECK(ready.empty());

    REQUIRE(::write(talking.ends[1], "x", 1) == 1);
    CHECK_FALSE(poller.wait(1000, ready));
    CHECK(ready == std::vector<int>{talking.ends[0]});

    SUBCASE("an unwatched socket is not reported") {
        poller.unwatch(talking.ends[0]);
        CHECK_FALSE(poller.wait(0, ready));
        CHECK(ready.empty());
    }
    SUBCASE("a closed peer is reported, so that its end is read") {
        ::close(quiet.ends[1]);
        quiet.ends[1] = -1;
        poller.wait(1000, ready);
        CHECK(contains(ready, quiet.ends[0]));
    }
}

TEST_CASE("a poller keeps the right sockets as many come and go") {
    Poller poller;
    std::vector<SocketPair> pairs(40);
    for (auto& pair : pairs) poller.watch(pair.ends[0]);
    // Unwatch every other one (the poll backend moves the last into the hole), then make every
    // socket readable: only the watched ones may be reported.
    for (std::size_t i = 0; i < pairs.size(); i += 2) poller.unwatch(pairs[i].ends[0]);
    for (auto& pair : pairs) REQUIRE(::write(pair.ends[1], "x", 1) == 1);
    std::vector<int> ready;
    poller.wait(1000, ready);
    std::this_thread::sleep_for(10ms);
    poller.wait(0, ready);
    CHECK(ready.size() == pairs.size() / 2);
    for (std::size_t i = 0; i < pairs.size(); ++i) CHECK(contains(ready, pairs[i].ends[0]) == (i % 2 == 1));
}

TEST_CASE("wake() ends a wait from another thread, once") {
    Poller poller;
    std::vector<int> ready;
    auto started = std::chrono::steady_clock::now();
    std::thread waker([&] {
        std::this_thread::sleep_for(50ms);
        poller.wake();
        poller.wake();  // two rings before the wait returns are one wake-up
    });
    CHECK(poller.wait(10000, ready));
    waker.join();
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    std::this_thread::sleep_for(10ms);
    bool again = poller.wait(0, ready);
    if (again) again = poller.wait(0, ready);  // the second ring may land after the first wait
    CHECK_FALSE(again);
}

TEST_CASE("a wakeup is readable after signal() and not after clear()") {
    Wakeup wakeup;
    Poller poller;
    poller.watch(wakeup.fd());
    std::vector<int> ready;
    poller.wait(0, ready);
    CHECK(ready.empty());
    for (int i = 0; i < 100000; ++i) wakeup.signal();  // more than a pipe holds: never blocks
    poller.wait(0, ready);
    CHECK(ready == std::vector<int>{wakeup.fd()});
    wakeup.clear();
    poller.wait(0, ready);
    CHECK(ready.empty());
}

TEST_CASE("listen_tcp binds a free port that accept_connection serves") {
    std::string why;
    int listener = listen_tcp("127.0.0.1", 0, 16, why);
    REQUIRE_MESSAGE(listener >= 0, why);
    int port = local_port(listener);
    CHECK(port > 0);

    SUBCASE("a second listener on the same port is refused, with the reason") {
        CHECK(listen_tcp("127.0.0.1", port, 16, why) == -1);
        CHECK(why.find("in use") != std::string::npos);
    }
    SUBCASE("an accepted connection does not block and is not inherited") {
        CHECK(accept_connection(listener) == -1);  // none waits: no blocking
        int client = connect_to_loopback(port);
        int accepted = -1;
        for (int i = 0; i < 100 && accepted < 0; ++i, std::this_thread::sleep_for(10ms))
            accepted = accept_connection(listener);
        REQUIRE(accepted >= 0);
        CHECK((::fcntl(accepted, F_GETFL) & O_NONBLOCK) != 0);
        CHECK((::fcntl(accepted, F_GETFD) & FD_CLOEXEC) != 0);
        char byte;
        CHECK(::recv(accepted, &byte, 1, 0) == -1);  // nothing sent yet: EAGAIN, not a wait
        ::close(client);
        ::close(accepted);
    }
    SUBCASE("a host that does not resolve is named") {
        CHECK(listen_tcp("no-such-host.invalid", 0, 16, why) == -1);
        CHECK_FALSE(why.empty());
    }
    ::close(listener);
}

TEST_CASE("send_data to a peer that went away fails with EPIPE instead of killing the process") {
    SocketPair pair;
    ::close(pair.ends[1]);
    pair.ends[1] = -1;
    errno = 0;
    CHECK(send_data(pair.ends[0], "x", 1) == -1);
    CHECK(errno == EPIPE);
}

TEST_CASE("sync_data makes a written file durable") {
    char path[] = "/tmp/flowhook-sync-XXXXXX";
    int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, "record\n", 7) == 7);
    CHECK(sync_data(fd) == 0);
    ::close(fd);
    ::unlink(path);
    CHECK(sync_data(fd) == -1);  // closed: the error is returned, not hidden
}
