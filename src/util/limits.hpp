#pragma once
// Process resource limits.

#include <cstdint>

namespace flowhook::util {

// The open-files limit (RLIMIT_NOFILE) before and after raise_open_files_limit().
struct OpenFilesLimit {
    std::uint64_t before = 0;  // the soft limit found
    std::uint64_t soft = 0;    // the soft limit now
    std::uint64_t hard = 0;
    bool unlimited = false;  // the soft limit is RLIM_INFINITY
};

// Raises the soft open-files limit to the hard one, as nginx's worker_rlimit_nofile does, so
// that a server holding thousands of connections does not meet EMFILE at 1,024. Idempotent.
OpenFilesLimit raise_open_files_limit();

}  // namespace flowhook::util
