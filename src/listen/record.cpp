#include "listen/record.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace flowhook::listen {

RecordFile::RecordFile(std::string path, bool fsync) : m_path(std::move(path)), m_fsync(fsync) {}

void RecordFile::open_now() {
    std::lock_guard lock(m_mutex);
    if (m_fd < 0) open();
}

RecordFile::~RecordFile() {
    if (m_fd >= 0) {
        if (m_fsync) ::fdatasync(m_fd);
        ::close(m_fd);
    }
}

bool RecordFile::open() {
    m_fd = ::open(m_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        failed(errno);
        return false;
    }
    struct stat info {};
    m_size = ::fstat(m_fd, &info) == 0 ? info.st_size : 0;
    return true;
}

void RecordFile::failed(int error) {
    if (m_failing) return;
    m_failing = true;
    std::fprintf(stderr,
                 "flowhook: listen: cannot write the record file %s: %s; answering 503 to every "
                 "delivery until it can be written\n",
                 m_path.c_str(), std::strerror(error));
}

bool RecordFile::append(const std::string& line) {
    std::lock_guard lock(m_mutex);
    if (m_fd < 0 && !open()) return false;
    errno = 0;
    ssize_t written = ::write(m_fd, line.data(), line.size());
    int error = errno;
    bool whole = written == static_cast<ssize_t>(line.size());
    if (whole && m_fsync && ::fdatasync(m_fd) != 0) {
        error = errno;
        whole = false;
    }
    if (!whole) {
        // Cut a torn record back off, so the next one starts on a line of its own.
        if (written > 0 && ::ftruncate(m_fd, m_size) != 0) error = errno;
        failed(written >= 0 && error == 0 ? ENOSPC : error);
        return false;
    }
    m_size += written;
    if (m_failing) {
        m_failing = false;
        std::fprintf(stderr, "flowhook: listen: the record file %s is writable again\n", m_path.c_str());
    }
    return true;
}

}  // namespace flowhook::listen
