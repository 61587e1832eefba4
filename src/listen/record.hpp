#pragma once
// listen --record FILE: the append-only record of accepted deliveries.

#include <sys/types.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace flowhook::listen {

// Appends each record with a single write, so that a record is either whole in the file or
// absent; a short write is cut back off. A file that cannot be written makes append fail (the
// delivery is answered 503, so the platform retries), with one warning on stderr per outage,
// not one per delivery.
//
// With --fsync, appends commit in groups, as a database's log does: the records that arrive
// while a batch is being written and synced form the next batch, which then gets one write and
// one fdatasync. Each append returns once the batch holding its record is durable (or failed:
// then every append of that batch returns false and the batch is cut back off). A delivery
// that finds no batch in flight is written at once, never kept waiting for company.
class RecordFile {
public:
    using Sync = int (*)(int fd);  // platform::sync_data; the tests pass a slow or failing stand-in

    // Opens nothing yet: see open_now().
    RecordFile(std::string path, bool fsync, Sync sync = nullptr);
    ~RecordFile();
    RecordFile(const RecordFile&) = delete;
    RecordFile& operator=(const RecordFile&) = delete;

    // Opens the file now, to warn at once when it cannot be written.
    void open_now();
    // Writes `line` (and makes it durable with --fsync); false if it is not in the file.
    // Called by several threads at once.
    bool append(const std::string& line);
    const std::string& path() const { return m_path; }

    // What was written so far: records in the file, and the writes (with --fsync, each one
    // followed by one fdatasync) that put them there.
    struct Counts {
        std::uint64_t records = 0;
        std::uint64_t writes = 0;
    };
    Counts counts() const;

private:
    // The records of one group commit; shared by its deliveries, which wait for `done`.
    struct Batch {
        std::string bytes;
        std::uint64_t records = 0;
        bool done = false;
        bool written = false;
        std::condition_variable wake;  // done, or no write in flight any more
    };

    bool append_durably(const std::string& line);
    // One write (and sync) of `bytes`; cuts a torn write back off. Called by one thread at a
    // time: under m_mutex, or as the one writer of a batch (m_writing).
    bool write_out(const std::string& bytes);
    bool open();
    void failed(int error);

    std::string m_path;
    bool m_fsync;
    Sync m_sync;
    mutable std::mutex m_mutex;
    std::condition_variable m_write_done;  // for open_now(), which must not open during a write
    std::shared_ptr<Batch> m_filling;  // the next batch, joined while another is written
    bool m_writing = false;            // a batch is being written and synced
    Counts m_counts;
    int m_fd = -1;
    off_t m_size = 0;
    bool m_failing = false;
};

}  // namespace flowhook::listen
