#include "util/signals.hpp"

#include <pthread.h>
#include <unistd.h>

namespace flowhook::util {

SignalWatch::SignalWatch() {
    sigemptyset(&m_signals);
    sigaddset(&m_signals, SIGINT);
    sigaddset(&m_signals, SIGTERM);
    sigaddset(&m_signals, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &m_signals, &m_previous);
}

SignalWatch::~SignalWatch() {
    finish();
    pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
}

void SignalWatch::finish() {
    if (m_thread.joinable()) {
        pthread_kill(m_thread.native_handle(), SIGUSR1);
        m_thread.join();
    }
}

void SignalWatch::start(std::function<void()> on_stop) {
    m_thread = std::thread([this, on_stop = std::move(on_stop)] {
        bool stopping = false;
        for (;;) {
            int signal = 0;
            if (sigwait(&m_signals, &signal) != 0 || signal == SIGUSR1) return;
            if (stopping) ::_exit(130);  // a second Ctrl-C: the user does not want to wait
            stopping = true;
            m_stopped.store(true);
            if (on_stop) on_stop();
        }
    });
}

}  // namespace flowhook::util
