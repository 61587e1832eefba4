#pragma once
// SIGINT and SIGTERM taken by a thread with sigwait(), so no code ever runs inside a signal
// handler: the first signal sets stopped() and calls a stop function, a second one exits at
// once with 130, for a user who does not want to wait. Used by every long-running subcommand
// (listen serves until stopped; send stops starting attempts and reports what was delivered).

#include <atomic>
#include <csignal>
#include <functional>
#include <thread>

namespace flowhook::util {

class SignalWatch {
public:
    // Blocks SIGINT, SIGTERM (and SIGUSR1, used to end the watch) in the calling thread and so
    // in every thread it starts later. Construct it before starting any thread.
    SignalWatch();
    // Ends the watch and restores the signal mask.
    ~SignalWatch();
    SignalWatch(const SignalWatch&) = delete;
    SignalWatch& operator=(const SignalWatch&) = delete;

    // Starts the watching thread; at the first signal it sets stopped(), then calls `on_stop`
    // (when given) on that thread.
    void start(std::function<void()> on_stop = {});
    // Ends the watching thread, after any on_stop call in progress has returned, so that what
    // on_stop touches can be destroyed. Signals stay blocked until the destructor.
    void finish();

    // True once SIGINT or SIGTERM arrived; readable from any thread.
    const std::atomic<bool>& stopped() const { return m_stopped; }

private:
    sigset_t m_signals;
    sigset_t m_previous;
    std::atomic<bool> m_stopped{false};
    std::thread m_thread;
};

}  // namespace flowhook::util
