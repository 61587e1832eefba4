#pragma once
// A pool of threads started on demand, with two caps. At most `max_running` jobs compute at
// once (a few per core: more threads than that only take turns on the CPU, and a listener with
// a thousand busy connections fell to half the rate it had with thirty-two). A job that waits on
// purpose (--delay, a `timeout` step, a slow --forward-to app, an fsync) says so with a
// Blocking region, as Go's scheduler hands a thread's processor on when it enters a system
// call: its slot goes to the next job, and another thread starts if none is idle, up to
// `max_threads`, so a few slow answers never hold up every other connection.

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
    // `max_running` 0: four per core, at least eight.
    explicit WorkerPool(std::size_t max_threads, std::size_t max_running = 0);
    ~WorkerPool() { shutdown(); }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues `job`; wakes an idle thread, or starts one when the caps allow.
    void submit(std::function<void()> job);
    // Whether a job waits for a thread: a job then should not keep its thread for more work
    // of its own (a keep-alive connection's next request) but let the queue go first.
    bool busy() const;
    // Runs every job already queued, then joins the threads. Later submits run inline.
    void shutdown();

    // While one exists on a pool's thread, that thread's job waits rather than computes and
    // does not count against `max_running`. Anywhere else it does nothing.
    class Blocking {
    public:
        Blocking();
        ~Blocking();
        Blocking(const Blocking&) = delete;
        Blocking& operator=(const Blocking&) = delete;

    private:
        WorkerPool* m_pool;
    };

    struct Counts {
        std::size_t threads = 0;
        std::size_t running = 0;
        std::size_t queued = 0;
    };
    Counts counts() const;

private:
    void work();
    // Under m_mutex: lets the next queued job run if a slot is free.
    void hand_on();
    bool may_run() const { return !m_jobs.empty() && m_running < m_max_running; }

    std::size_t m_max_threads;
    std::size_t m_max_running;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    std::vector<std::thread> m_threads;
    std::size_t m_idle = 0;
    std::size_t m_running = 0;  // jobs computing: started and not in a Blocking region
    bool m_stopping = false;
};

}  // namespace flowhook::http
