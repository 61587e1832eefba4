#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "listen/record.hpp"

using namespace flowhook::listen;

namespace {

std::atomic<int> g_syncs{0};
std::atomic<bool> g_sync_fails{false};

// A sync as slow as a disk's, so that deliveries arriving meanwhile must queue for the next one.
int slow_sync(int fd) {
    ++g_syncs;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return ::fdatasync(fd);
}

int failing_sync(int) {
    ++g_syncs;
    if (g_sync_fails) {
        errno = EIO;
        return -1;
    }
    return 0;
}

std::string temp_path(const char* name) {
    std::string path = "/tmp/flowhook-unit-" + std::to_string(::getpid()) + "-" + name;
    std::remove(path.c_str());
    return path;
}

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("RecordFile --fsync: concurrent deliveries share writes and syncs, each record whole") {
    std::string path = temp_path("group.ndjson");
    g_syncs = 0;
    constexpr int k_threads = 16, k_each = 5;
    std::atomic<int> accepted{0};
    {
        RecordFile record(path, true, slow_sync);
        record.open_now();
        std::vector<std::thread> threads;
        for (int t = 0; t < k_threads; ++t)
            threads.emplace_back([&record, &accepted, t] {
                for (int i = 0; i < k_each; ++i)
                    if (record.append("{\"thread\":" + std::to_string(t) + ",\"n\":" + std::to_string(i) + "}\n"))
                        ++accepted;
            });
        for (std::thread& thread : threads) thread.join();
        RecordFile::Counts counts = record.counts();
        CHECK(counts.records == k_threads * k_each);
        // 80 deliveries, 16 at a time, behind a 20 ms sync: far fewer syncs than deliveries.
        CHECK(counts.writes < counts.records / 2);
        CHECK(g_syncs == static_cast<int>(counts.writes));
    }
    CHECK(accepted == k_threads * k_each);
    std::string text = contents(path);
    std::istringstream lines(text);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        CHECK(line.front() == '{');
        CHECK(line.back() == '}');
        ++count;
    }
    CHECK(count == k_threads * k_each);
    std::remove(path.c_str());
}

TEST_CASE("RecordFile --fsync: a lone delivery is written at once") {
    std::string path = temp_path("lone.ndjson");
    g_syncs = 0;
    g_sync_fails = false;
    RecordFile record(path, true, failing_sync);
    record.open_now();
    auto started = std::chrono::steady_clock::now();
    CHECK(record.append("{\"one\":1}\n"));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(50));
    CHECK(g_syncs == 1);
    CHECK(record.counts().writes == 1);
    CHECK(contents(path) == "{\"one\":1}\n");
    std::remove(path.c_str());
}

TEST_CASE("RecordFile --fsync: a failed sync fails its batch and cuts it back off") {
    std::string path = temp_path("failing.ndjson");
    g_sync_fails = false;
    RecordFile record(path, true, failing_sync);
    CHECK(record.append("{\"kept\":1}\n"));
    g_sync_fails = true;
    CHECK_FALSE(record.append("{\"lost\":2}\n"));
    CHECK(contents(path) == "{\"kept\":1}\n");
    g_sync_fails = false;
    CHECK(record.append("{\"kept\":3}\n"));
    CHECK(contents(path) == "{\"kept\":1}\n{\"kept\":3}\n");
    CHECK(record.counts().records == 2);
    std::remove(path.c_str());
}

TEST_CASE("RecordFile: a full device fails every append, with and without --fsync") {
    for (bool fsync : {false, true}) {
        RecordFile record("/dev/full", fsync);
        CHECK_FALSE(record.append("{\"a\":1}\n"));
        CHECK_FALSE(record.append("{\"b\":2}\n"));
        CHECK(record.counts().records == 0);
    }
}
