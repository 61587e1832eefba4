#include "http/worker_pool.hpp"

#include <algorithm>

namespace flowhook::http {
namespace {

thread_local WorkerPool* t_pool = nullptr;  // the pool whose job this thread runs

std::size_t default_running() {
    std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    return std::max<std::size_t>(8, 4 * cores);
}

}  // namespace

WorkerPool::WorkerPool(std::size_t max_threads, std::size_t max_running)
    : m_max_threads(std::max<std::size_t>(1, max_threads)),
      m_max_running(std::min(m_max_threads, max_running ? max_running : default_running())) {}

void WorkerPool::submit(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_jobs.push_back(std::move(job));
            hand_on();
            return;
        }
    }
    job();
}

void WorkerPool::hand_on() {
    if (!may_run()) return;
    if (m_stopping) return m_wake.notify_all();  // shutdown joins the threads it has; none start
    std::size_t runnable = std::min(m_jobs.size(), m_max_running - m_running);
    if (runnable > m_idle && m_threads.size() < m_max_threads) {
        ++m_idle;  // from its start: a thread not yet waiting must not be started twice
        m_threads.emplace_back([this] { work(); });
    } else {
        m_wake.notify_one();
    }
}

bool WorkerPool::busy() const {
    std::lock_guard lock(m_mutex);
    return !m_jobs.empty();
}

WorkerPool::Counts WorkerPool::counts() const {
    std::lock_guard lock(m_mutex);
    return {m_threads.size(), m_running, m_jobs.size()};
}

void WorkerPool::shutdown() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        // Every queued job runs: the caps no longer hold back the threads that are left.
        m_max_running = m_max_threads;
        threads.swap(m_threads);
    }
    m_wake.notify_all();
    for (std::thread& thread : threads) thread.join();
}

void WorkerPool::work() {
    t_pool = this;
    std::unique_lock lock(m_mutex);
    for (;;) {  // m_idle counts this thread here
        m_wake.wait(lock, [this] { return may_run() || (m_stopping && m_jobs.empty()); });
        --m_idle;
        if (m_jobs.empty()) return;  // stopping, and nothing left to run
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        ++m_running;
        lock.unlock();
        job();
        job = nullptr;  // what the job holds goes before the thread waits again
        lock.lock();
        --m_running;  // this thread takes the next job itself, if one may run
        ++m_idle;
    }
}

WorkerPool::Blocking::Blocking() : m_pool(t_pool) {
    if (!m_pool) return;
    std::lock_guard lock(m_pool->m_mutex);
    --m_pool->m_running;
    m_pool->hand_on();
}

WorkerPool::Blocking::~Blocking() {
    if (!m_pool) return;
    std::lock_guard lock(m_pool->m_mutex);
    ++m_pool->m_running;  // back at once, over the cap for a moment rather than waiting again
}

}  // namespace flowhook::http
