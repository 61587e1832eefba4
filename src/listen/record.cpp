#include "listen/record.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "http/worker_pool.hpp"
#include "platform/platform.hpp"

namespace flowhook::listen {

RecordFile::RecordFile(std::string path, bool fsync, Sync sync)
    : m_path(std::move(path)), m_fsync(fsync), m_sync(sync ? sync : platform::sync_data) {}

void RecordFile::open_now() {
    std::unique_lock lock(m_mutex);
    m_write_done.wait(lock, [this] { return !m_writing; });
    if (m_fd < 0) open();
}

RecordFile::~RecordFile() {
    if (m_fd >= 0) {
        if (m_fsync) m_sync(m_fd);
        ::close(m_fd);
    }
}

RecordFile::Counts RecordFile::counts() const {
    std::lock_guard lock(m_mutex);
    return m_counts;
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

bool RecordFile::write_out(const std::string& bytes) {
    if (m_fd < 0 && !open()) return false;
    errno = 0;
    ssize_t written = ::write(m_fd, bytes.data(), bytes.size());
    int error = errno;
    bool whole = written == static_cast<ssize_t>(bytes.size());
    if (whole && m_fsync && m_sync(m_fd) != 0) {
        error = errno;
        whole = false;
    }
    if (!whole) {
        // Cut a torn or unsynced write back off: its deliveries are answered 503 and sent
        // again, and the next record starts on a line of its own.
        if (written > 0 && ::ftruncate(m_fd, m_size) != 0 && error == 0) error = errno;
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

bool RecordFile::append(const std::string& line) {
    if (m_fsync) return append_durably(line);
    // Without a sync a write takes microseconds: holding the lock across it is cheaper than
    // forming batches.
    std::lock_guard lock(m_mutex);
    if (!write_out(line)) return false;
    ++m_counts.records;
    ++m_counts.writes;
    return true;
}

bool RecordFile::append_durably(const std::string& line) {
    http::WorkerPool::Blocking waiting_for_the_disk;  // other deliveries run and join the batch
    std::unique_lock lock(m_mutex);
    if (!m_filling) m_filling = std::make_shared<Batch>();
    std::shared_ptr<Batch> mine = m_filling;
    mine->bytes += line;
    ++mine->records;
    // A batch is written by the first of its deliveries to find no write in flight; the
    // others wait for it. A batch not yet done while nothing is written is still m_filling.
    // Each batch has its own wake-up: a finished write wakes its own deliveries and one of the
    // next batch, not every waiting thread (half of which would only go back to sleep).
    mine->wake.wait(lock, [&] { return mine->done || !m_writing; });
    if (mine->done) return mine->written;
    m_writing = true;
    m_filling.reset();
    lock.unlock();
    bool written = write_out(mine->bytes);
    lock.lock();
    mine->written = written;
    mine->done = true;
    m_writing = false;
    if (written) {
        m_counts.records += mine->records;
        ++m_counts.writes;
    }
    std::shared_ptr<Batch> next = m_filling;
    lock.unlock();
    mine->wake.notify_all();
    if (next) next->wake.notify_one();  // its writer
    m_write_done.notify_all();
    return written;
}

}  // namespace flowhook::listen
