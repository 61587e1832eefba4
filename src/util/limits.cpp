#include "util/limits.hpp"

#include <sys/resource.h>

namespace flowhook::util {

OpenFilesLimit raise_open_files_limit() {
    OpenFilesLimit result;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return result;
    result.before = limit.rlim_cur;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    result.soft = limit.rlim_cur;
    result.hard = limit.rlim_max;
    result.unlimited = limit.rlim_cur == RLIM_INFINITY;
    return result;
}

}  // namespace flowhook::util
