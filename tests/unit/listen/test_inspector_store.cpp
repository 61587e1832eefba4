#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

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

// A stream attached after `last`: the socket its client reads.
int attach_client(Store& store, http::EventStreams& streams, std::optional<std::uint64_t> last) {
    int pair[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
    ::fcntl(pair[0], F_SETFL, O_NONBLOCK);
    REQUIRE(streams.reserve());
    store.attach(pair[0], last);
    return pair[1];
}

// Whether `text` holds the whole event that `until` is part of.
bool has_event(const std::string& text, std::string_view until) {
    std::size_t at = text.find(until);
    return at != std::string::npos && text.find("\n\n", at) != std::string::npos;
}

// What `client` receives until it has sent the whole event with `until` in it, or nothing
// came for `quiet_ms`.
std::string received(int client, std::string_view until = {}, int quiet_ms = 300) {
    std::string text;
    char buffer[65536];
    pollfd pfd{client, POLLIN, 0};
    while ((until.empty() || !has_event(text, until)) && ::poll(&pfd, 1, quiet_ms) > 0) {
        ssize_t n = ::read(client, buffer, sizeof buffer);
        if (n <= 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
}

// What a stream attached after `last` receives within a moment.
std::string attached(Store& store, http::EventStreams& streams, std::optional<std::uint64_t> last) {
    int client = attach_client(store, streams, last);
    std::string text = received(client);
    ::close(client);
    return text;
}

// The sequence numbers of the `id:` lines in a stream's text, in order, as "1 2 3".
std::string event_seqs(const std::string& text) {
    std::string seqs;
    for (std::size_t at = text.find("id: "); at != std::string::npos; at = text.find("id: ", at + 1)) {
        std::size_t dash = text.find('-', at);
        if (!seqs.empty()) seqs += ' ';
        seqs += text.substr(dash + 1, text.find('\n', dash) - dash - 1);
    }
    return seqs;
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

// Deliveries 1 to 6 on a store whose streams' tick is the test's own, so that what is held back
// stays held until the test publishes it; a stream (`watcher`) is there from the start. 1 to 5
// go out in full and 6 is held back when all six come within one coalescing window (100 ms).
struct HeldBack {
    http::EventStreams streams;
    Store store{KeepLimits{100, 1 << 20}, &streams, "r1"};
    int watcher = -1;
    bool held = false;
    HeldBack() {
        streams.set_tick({});
        watcher = attach_client(store, streams, std::nullopt);
        auto started = std::chrono::steady_clock::now();
        for (int i = 1; i <= 6; ++i) add(store, i);
        held = std::chrono::steady_clock::now() - started < std::chrono::milliseconds(100);
    }
    ~HeldBack() { ::close(watcher); }
};

TEST_CASE("Store::attach: a delivery held back for a coalesced event reaches a resuming stream once") {
    std::unique_ptr<HeldBack> setup;
    for (int attempt = 0; attempt < 10 && !(setup && setup->held); ++attempt) setup = std::make_unique<HeldBack>();
    REQUIRE(setup->held);  // else the machine never added six deliveries within 100 ms
    Store& store = setup->store;
    // Back with the last id it saw while 6 is still held back.
    int resumed = attach_client(store, setup->streams, 5);
    store.publish_held();  // the tick: a coalesced event for what was held, if anything
    add(store, 7);         // the next window's first delivery, in full: the end of the test
    std::string resumed_text = received(resumed, "id: r1-7\n", 5000);
    std::string watcher_text = received(setup->watcher, "id: r1-7\n", 5000);
    ::close(resumed);
    CHECK(count(resumed_text, "event: delivery") == 2);
    CHECK(resumed_text.find("id: r1-6\nevent: delivery") != std::string::npos);
    CHECK(count(resumed_text, "event: coalesced") == 0);
    CHECK(event_seqs(resumed_text) == "6 7");
    // A stream that was there all along still gets 6 as a coalesced event, in order.
    CHECK(count(watcher_text, "event: delivery") == 6);
    CHECK(watcher_text.find("id: r1-6\nevent: coalesced\ndata: {\"after\":5,\"last\":6,\"count\":1}") != std::string::npos);
    CHECK(event_seqs(watcher_text) == "0 1 2 3 4 5 6 7");
}
