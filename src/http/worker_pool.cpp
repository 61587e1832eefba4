#include "http/worker_pool.hpp"

namespace flowhook::http {

void WorkerPool::submit(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_jobs.push_back(std::move(job));
            if (m_jobs.size() > m_idle && m_threads.size() < m_max_threads)
                m_threads.emplace_back([this] { work(); });
            else
                m_wake.notify_one();
            return;
        }
    }
    job();
}

void WorkerPool::shutdown() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        threads.swap(m_threads);
    }
    m_wake.notify_all();
    for (std::thread& thread : threads) thread.join();
}

void WorkerPool::work() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        ++m_idle;
        m_wake.wait(lock, [this] { return !m_jobs.empty() || m_stopping; });
        --m_idle;
        if (m_jobs.empty()) return;  // stopping, and nothing left to run
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        lock.unlock();
        job();
        lock.lock();
    }
}

}  // namespace flowhook::http
