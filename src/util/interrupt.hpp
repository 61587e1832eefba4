#pragma once
// Ctrl-C as a flag, so long-running work can stop cleanly and report what it did.

#include <atomic>

namespace flowhook::util {

// While it lives, the first SIGINT sets interrupted() instead of ending the process; a second
// SIGINT ends it at once, as usual, for a user who does not want to wait.
class InterruptGuard {
  public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    // True once SIGINT arrived; readable from any thread.
    static const std::atomic<bool>& interrupted();
};

}  // namespace flowhook::util
