#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "http/worker_pool.hpp"

using namespace flowhook::http;
using namespace std::chrono_literals;

namespace {

// Waits up to two seconds for `done`; a pool that never runs a job fails, not hangs.
bool within_two_seconds(std::future<void>& done) { return done.wait_for(2s) == std::future_status::ready; }

// Counts how many jobs run at once, at most.
struct Overlap {
    std::atomic<int> now{0};
    std::atomic<int> most{0};
    void job() {
        int running = ++now;
        int seen = most.load();
        while (running > seen && !most.compare_exchange_weak(seen, running)) {
        }
        std::this_thread::sleep_for(20ms);
        --now;
    }
};

}  // namespace

TEST_CASE("no more jobs compute at once than max_running, and every one runs") {
    Overlap overlap;
    std::atomic<int> ran{0};
    {
        WorkerPool pool(64, 3);
        for (int i = 0; i < 12; ++i) pool.submit([&] { overlap.job(); ++ran; });
        std::this_thread::sleep_for(5ms);
        CHECK(pool.busy());  // nine wait for a slot
        CHECK(pool.counts().threads <= 3);
    }
    CHECK(ran.load() == 12);
    CHECK(overlap.most.load() == 3);
}

TEST_CASE("a job in a Blocking region hands its slot to the next job") {
    WorkerPool pool(8, 1);
    std::promise<void> second_ran;
    std::future<void> second = second_ran.get_future();
    std::promise<void> first_done;
    std::future<void> first = first_done.get_future();
    pool.submit([&] {
        WorkerPool::Blocking waiting;
        // With one slot, the second job runs only because this one says it waits.
        second.wait_for(2s);
        first_done.set_value();
    });
    pool.submit([&] { second_ran.set_value(); });
    REQUIRE(within_two_seconds(first));
    CHECK(second.wait_for(0s) == std::future_status::ready);
    CHECK(pool.counts().threads == 2);
}

TEST_CASE("without a Blocking region a job keeps its slot") {
    WorkerPool pool(8, 1);
    std::atomic<bool> second_started{false};
    std::promise<void> first_done;
    std::future<void> first = first_done.get_future();
    pool.submit([&] {
        std::this_thread::sleep_for(50ms);
        first_done.set_value();
    });
    pool.submit([&] { second_started = true; });
    std::this_thread::sleep_for(20ms);
    CHECK_FALSE(second_started.load());
    CHECK(pool.busy());
    REQUIRE(within_two_seconds(first));
}

TEST_CASE("a Blocking region outside the pool's threads changes nothing") {
    WorkerPool pool(2, 1);
    { WorkerPool::Blocking outside; }
    std::promise<void> ran;
    std::future<void> done = ran.get_future();
    pool.submit([&] { ran.set_value(); });
    REQUIRE(within_two_seconds(done));
    pool.shutdown();
    CHECK(pool.counts().running == 0);
}

TEST_CASE("shutdown runs every queued job, and a later submit runs inline") {
    std::atomic<int> ran{0};
    WorkerPool pool(4, 1);
    for (int i = 0; i < 5; ++i) pool.submit([&] { std::this_thread::sleep_for(5ms); ++ran; });
    pool.shutdown();
    CHECK(ran.load() == 5);
    std::thread::id where;
    pool.submit([&] { where = std::this_thread::get_id(); });
    CHECK(where == std::this_thread::get_id());
}
