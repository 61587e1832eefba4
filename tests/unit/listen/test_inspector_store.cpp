#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "http/event_streams.hpp"
#include "listen/inspector/store.hpp"

using namespace flowhook;
using namespace flowhook::listen::inspector;

namespace {

std::string line_for(int n) {
    return "{\"received\":\"2026-11-29T18:58:50.765Z\",\"raw\":\"" + std::to_string(n) + "\"}\n";
}

std::uint64_t add(Store& store, int n, std::string body = {}) {
    std::string line = line_for(n);
    if (body.empty()) body = std::to_string(n);
    Arrival arrival;
    arrival.record_line = line;
    arrival.body = body;
    return store.add(arrival);
}

// What a stream attached after `last` receives within a moment.
std::string attached(Store& store, http::EventStreams& streams, std::optional<std::uint64_t> last) {
    int pair[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
    ::fcntl(pair[0], F_SETFL, O_NONBLOCK);
    REQUIRE(streams.reserve());
    store.attach(pair[0], last);
    std::string text;
    char buffer[65536];
    pollfd pfd{pair[1], POLLIN, 0};
    while (::poll(&pfd, 1, 300) > 0) {
        ssize_t n = ::read(pair[1], buffer, sizeof buffer);
        if (n <= 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pair[1]);
    return text;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("Store: the record line plus the API's members, ids from 1") {
    Store store({10, 1 << 20}, nullptr, "r1");
    CHECK(add(store, 1) == 1);
    CHECK(add(store, 2, "1") == 2);
    auto one = store.one(2);
    REQUIRE(one);
    CHECK(one->find("\"raw\":\"2\",\"id\":2,\"size\":1,\"step\":null,\"answer_ms\":null,\"first_id\":1,\"forward\":null,\"encoding\":null}") !=
          std::string::npos);
    CHECK_FALSE(store.one(3));
    CHECK(store.list(std::nullopt, 1).find("\"id\":2") != std::string::npos);
    CHECK(store.list(std::nullopt, 1).find("\"id\":1,") == std::string::npos);
    CHECK(store.list(1, 10).find("\"id\":1,") == std::string::npos);
    CHECK(store.list(2, 10) == "[]\n");
}

TEST_CASE("Store: bounded by count and by bytes") {
    Store by_count({3, 1 << 20}, nullptr, "r1");
    for (int i = 1; i <= 5; ++i) add(by_count, i);
    CHECK(by_count.size() == 3);
    CHECK_FALSE(by_count.one(2));
    CHECK(by_count.one(3));
    Store by_bytes({1000, 4096}, nullptr, "r1");
    for (int i = 1; i <= 5; ++i) add(by_bytes, i, std::string(1500, 'x') + std::to_string(i));
    CHECK(by_bytes.size() <= 2);
    CHECK(by_bytes.one(5));
    Store too_big({1000, 1024}, nullptr, "r1");
    add(too_big, 1, std::string(4096, 'x'));
    CHECK(too_big.size() == 0);
}

TEST_CASE("Store::attach: what a stream missed, once, or a reset") {
    http::EventStreams streams;
    Store store({5, 1 << 20}, &streams, "r1");
    for (int i = 1; i <= 3; ++i) add(store, i);
    std::string fresh = attached(store, streams, std::nullopt);
    CHECK(fresh.find("id: r1-3\n: connected") != std::string::npos);
    CHECK(count(fresh, "event: delivery") == 0);
    std::string resumed = attached(store, streams, 1);
    CHECK(count(resumed, "event: delivery") == 2);
    CHECK(resumed.find("id: r1-2\nevent: delivery") != std::string::npos);
    CHECK(resumed.find("id: r1-3\nevent: delivery") != std::string::npos);
    CHECK(count(attached(store, streams, 3), "event: delivery") == 0);
    CHECK(count(attached(store, streams, 99), "event: reset") == 1);
    for (int i = 4; i <= 8; ++i) add(store, i);  // 1 to 3 forgotten
    CHECK(count(attached(store, streams, 2), "event: reset") == 1);
    std::string kept = attached(store, streams, 3);
    CHECK(count(kept, "event: reset") == 0);
    CHECK(count(kept, "event: delivery") == 5);
}
