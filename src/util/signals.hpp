#pragma once
// SIGINT and SIGTERM taken by a thread with sigwait(), so no code ever runs inside a signal
// handler: the first signal calls a stop function, a second one exits at once with 130.

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

    // Starts the watching thread; `on_stop` runs on it at the first signal.
    void start(std::function<void()> on_stop);
    // Ends the watching thread, after any on_stop call in progress has returned, so that what
    // on_stop touches can be destroyed. Signals stay blocked until the destructor.
    void finish();

private:
    sigset_t m_signals;
    sigset_t m_previous;
    std::thread m_thread;
};

}  // namespace flowhook::util
