#pragma once
// A pool of threads started on demand up to a cap. A delivery may wait seconds on purpose
// (--delay, a `timeout` step, a slow --forward-to app), so a fixed small pool would let a few
// slow answers hold up every other connection.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace flowhook::http {

class WorkerPool {
public:
    explicit WorkerPool(std::size_t max_threads) : m_max_threads(max_threads ? max_threads : 1) {}
    ~WorkerPool() { shutdown(); }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues `job`; starts a thread when none is idle and the cap allows one.
    void submit(std::function<void()> job);
    // Runs every job already queued, then joins the threads. Later submits run inline.
    void shutdown();

private:
    void work();

    std::size_t m_max_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    std::vector<std::thread> m_threads;
    std::size_t m_idle = 0;
    bool m_stopping = false;
};

}  // namespace flowhook::http
