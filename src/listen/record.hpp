#pragma once
// listen --record FILE: the append-only record of accepted deliveries.

#include <sys/types.h>

#include <mutex>
#include <string>

namespace flowhook::listen {

// Appends one record per call with a single write, so that a record is either whole in the
// file or absent; a short write is cut back off. A file that cannot be written makes append
// fail (the delivery is answered 503, so the platform retries), with one warning on stderr
// per outage, not one per delivery.
class RecordFile {
public:
    // Opens nothing yet: see open_now().
    RecordFile(std::string path, bool fsync);
    ~RecordFile();
    RecordFile(const RecordFile&) = delete;
    RecordFile& operator=(const RecordFile&) = delete;

    // Opens the file now, to warn at once when it cannot be written.
    void open_now();
    // Writes `line` (and makes it durable with --fsync); false if it is not in the file.
    bool append(const std::string& line);
    const std::string& path() const { return m_path; }

private:
    bool open();
    void failed(int error);

    std::string m_path;
    bool m_fsync;
    std::mutex m_mutex;
    int m_fd = -1;
    off_t m_size = 0;
    bool m_failing = false;
};

}  // namespace flowhook::listen
