#include "validate/engine.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace flowhook::validate {
namespace {

// An NDJSON payload's findings sit on its line, at their offset into it.
void ndjson_positions(const schema::ValidationResult& result, std::size_t line,
                      std::vector<schema::TextPosition>& positions) {
    positions.clear();
    for (const schema::Finding& f : result.findings)
        positions.push_back({line, f.offset.value_or(0) + 1});
}

// False, with a warning, when reading `name` failed part way.
bool read_succeeded(const std::string& name, const std::string& error) {
    if (error.empty()) return true;
    print_warning("cannot read " + name + ": " + error);
    return false;
}

}  // namespace

void print_warning(const std::string& message) {
    std::fprintf(stderr, "flowhook: validate: %s\n", message.c_str());
}

PayloadParser::PayloadParser(const schema::ValidateOptions& options)
    : m_options(options),
      m_pool(m_pool_buffer, sizeof m_pool_buffer),
      m_stack(m_stack_buffer, sizeof m_stack_buffer),
      m_document(&m_pool, k_stack_capacity, &m_stack) {}

void PayloadParser::check(char* data, std::size_t size, schema::ValidationResult& result) {
    result.clear();
    // A reused document would otherwise keep every payload's values; and RapidJSON's parse
    // stacks, left to their default allocator, cost a malloc and a free per payload.
    m_pool.Clear();
    m_stack.Clear();
    schema::parse_and_validate(data, size, m_document, m_options, result);
}

// NDJSON on several threads: `jobs` in all, the calling thread one of them. The calling
// thread only read(2)s the input in blocks of 256 KB straight into a batch and cuts it
// after its last newline (the rest starts the next batch); a worker, or the calling thread
// when it would otherwise wait, cuts a batch into lines (schema::NdjsonLines, the rules of
// the serial path) and validates them where they lie; the calling thread reports finished
// batches strictly in the order it read them. Line numbers count from a batch's start; the
// report adds the lines of the batches before it. A fixed pool of batches keeps memory flat.
class ParallelValidator {
public:
    // `parser` is the calling thread's.
    ParallelValidator(const schema::ValidateOptions& options, unsigned jobs, PayloadParser& parser)
        : m_parser(parser) {
        // Enough batches that a worker finds some queued while the calling thread validates
        // one of its own, fills one, and waits for the oldest: small ones, so that waiting
        // for the oldest (its thread preempted on a busy machine) costs little.
        for (unsigned i = 0; i < 4 * jobs; ++i) {
            m_batches.push_back(std::make_unique<Batch>());
            m_free.push_back(m_batches.back().get());
        }
        for (unsigned i = 1; i < jobs; ++i)
            m_workers.emplace_back([this, &options] { work(options); });
    }

    ~ParallelValidator() {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_work_ready.notify_all();
        for (std::thread& worker : m_workers) worker.join();
    }

    // Validates the NDJSON in `unread` and the rest of `fd`, reporting each payload in order.
    template <typename Report>
    void run(int fd, schema::PayloadReader::Unread unread, const Report& report) {
        m_fd = fd;
        m_input_done = unread.at_end;
        m_error.clear();
        m_next_line = unread.line;
        Batch* current = take_free(report);
        current->text.swap(unread.buffer);  // no copy of a first line that may be 100 MB
        current->size = unread.end - unread.begin;
        std::memmove(current->text.data(), current->text.data() + unread.begin, current->size);
        for (;;) {
            read_block(*current);
            if (m_input_done) break;
            Batch* next = take_free(report);
            carry_tail(*current, *next);
            submit(current);
            current = next;
        }
        current->at_end = true;
        if (current->size > 0)
            submit(current);
        else
            recycle(current);
        while (!m_in_flight.empty()) report_oldest(report);
    }

    // Why reading stopped early; empty if it did not.
    const std::string& error() const { return m_error; }

private:
    static constexpr std::size_t k_block_size = std::size_t{1} << 18;

    struct Batch {
        schema::ByteBuffer text{k_block_size + schema::k_payload_padding};
        std::size_t size = 0;  // whole lines, and a torn last one at the end of the input
        bool at_end = false;
        std::size_t payloads = 0;
        std::size_t lines = 0;             // the lines it holds, blank ones included
        std::vector<std::size_t> line_of;  // each payload's line, from 0 at its start
        std::vector<schema::ValidationResult> results;  // kept: their findings reuse memory
        bool done = false;
        std::exception_ptr failure;
    };

    // Reads into `batch` until it holds a block with a newline in it, or the input ends. A
    // line longer than a block grows the batch until the line ends, and no further.
    void read_block(Batch& batch) {
        std::size_t target = k_block_size, searched = 0;
        while (!m_input_done) {
            if (batch.size >= target) {
                if (std::memchr(batch.text.data() + searched, '\n', batch.size - searched)) return;
                searched = batch.size;
                target = 2 * batch.size;
            }
            std::size_t before = batch.size;
            read_some(batch, std::min(k_block_size, target - batch.size));
            if (searched && std::memchr(batch.text.data() + before, '\n', batch.size - before))
                return;
        }
    }

    void read_some(Batch& batch, std::size_t wanted) {
        reserve(batch, batch.size + wanted);
        ssize_t n;
        do {
            n = ::read(m_fd, batch.text.data() + batch.size, wanted);
        } while (n < 0 && errno == EINTR);
        if (n < 0) m_error = std::strerror(errno);
        if (n <= 0)
            m_input_done = true;
        else
            batch.size += static_cast<std::size_t>(n);
    }

    // Bytes after the text stay free: the NUL of an in-situ parse, and RapidJSON's reads past
    // a truncated UTF-8 sequence at the very end.
    static void reserve(Batch& batch, std::size_t size) {
        std::size_t needed = size + schema::k_payload_padding;
        if (batch.text.size() < needed) batch.text.resize(std::max(needed, 2 * batch.text.size()));
    }

    // Moves what follows the last newline of `from` to the start of `to`.
    static void carry_tail(Batch& from, Batch& to) {
        const char* data = from.text.data();
        const char* last = static_cast<const char*>(memrchr(data, '\n', from.size));
        std::size_t cut = static_cast<std::size_t>(last - data) + 1;
        reserve(to, from.size - cut);
        std::memcpy(to.text.data(), data + cut, from.size - cut);
        to.size = from.size - cut;
        from.size = cut;
    }

    template <typename Report>
    Batch* take_free(const Report& report) {
        if (m_free.empty()) report_oldest(report);
        Batch* batch = m_free.back();
        m_free.pop_back();
        return batch;
    }

    void recycle(Batch* batch) {
        // A batch that grew for a huge line gives its memory back.
        if (batch->text.size() > 4 * k_block_size)
            batch->text.resize(k_block_size + schema::k_payload_padding);
        batch->size = 0;
        batch->at_end = false;
        batch->done = false;
        batch->failure = nullptr;
        m_free.push_back(batch);
    }

    void submit(Batch* batch) {
        m_in_flight.push_back(batch);
        {
            std::lock_guard lock(m_mutex);
            m_work.push_back(batch);
        }
        m_work_ready.notify_one();
    }

    // Reports the oldest batch, validating queued ones while it is not done yet.
    template <typename Report>
    void report_oldest(const Report& report) {
        Batch* batch = m_in_flight.front();
        for (;;) {
            std::unique_lock lock(m_mutex);
            if (batch->done) break;
            if (m_work.empty()) {
                m_batch_done.wait(lock, [batch] { return batch->done; });
                break;
            }
            Batch* work = m_work.front();
            m_work.pop_front();
            lock.unlock();
            validate(*work, m_parser);
        }
        m_in_flight.pop_front();
        if (batch->failure) std::rethrow_exception(batch->failure);
        for (std::size_t i = 0; i < batch->payloads; ++i)
            report(m_next_line + batch->line_of[i], batch->results[i]);
        m_next_line += batch->lines;
        recycle(batch);
    }

    void validate(Batch& batch, PayloadParser& parser) {
        try {
            schema::NdjsonLines lines(batch.text.data(), batch.size, 0, batch.at_end);
            std::size_t n = 0;
            for (; auto payload = lines.next(); ++n) {
                if (n == batch.results.size()) {
                    batch.results.emplace_back();
                    batch.line_of.emplace_back();
                }
                batch.line_of[n] = payload->line;
                parser.check(payload->data, payload->size, batch.results[n]);
            }
            batch.payloads = n;
            batch.lines = lines.line();
        } catch (...) {
            batch.failure = std::current_exception();
        }
        {
            std::lock_guard lock(m_mutex);
            batch.done = true;
        }
        m_batch_done.notify_all();
    }

    void work(const schema::ValidateOptions& options) {
        PayloadParser parser(options);
        for (;;) {
            Batch* batch;
            {
                std::unique_lock lock(m_mutex);
                m_work_ready.wait(lock, [this] { return m_stopping || !m_work.empty(); });
                if (m_work.empty()) return;
                batch = m_work.front();
                m_work.pop_front();
            }
            validate(*batch, parser);
        }
    }

    std::vector<std::unique_ptr<Batch>> m_batches;  // all of them, wherever they are
    // Only the calling thread touches these.
    PayloadParser& m_parser;
    int m_fd = -1;
    bool m_input_done = false;
    std::string m_error;
    std::size_t m_next_line = 1;  // the line number of the oldest batch in flight's start
    std::vector<Batch*> m_free;
    std::deque<Batch*> m_in_flight;  // submitted, in input order
    // Shared with the workers, under m_mutex.
    std::mutex m_mutex;
    std::condition_variable m_work_ready;
    std::condition_variable m_batch_done;
    std::deque<Batch*> m_work;
    bool m_stopping = false;
    std::vector<std::thread> m_workers;
};

StreamValidator::StreamValidator(const schema::ValidateOptions& options,
                                 output::Reporter& reporter, output::Totals& totals,
                                 unsigned jobs, util::Progress& progress)
    : m_options(options), m_reporter(reporter), m_totals(totals), m_jobs(jobs),
      m_progress(progress), m_parser(options) {}

StreamValidator::~StreamValidator() = default;

bool StreamValidator::check_stream(int fd, const std::string& name) {
    schema::PayloadReader reader(fd);
    m_outcome.source = name;
    if (m_jobs > 1 && reader.read_layout() == schema::Layout::ndjson) {
        if (!m_parallel) m_parallel = std::make_unique<ParallelValidator>(m_options, m_jobs, m_parser);
        m_outcome.index.reset();
        m_outcome.whole_file = false;
        m_parallel->run(fd, reader.take_unread(), [this](std::size_t line,
                                                         const schema::ValidationResult& result) {
            m_outcome.line = line;
            m_outcome.result = &result;
            ndjson_positions(result, line, m_outcome.positions);
            m_totals.add(result);
            m_reporter.payload(m_outcome);
            m_progress.update(m_totals.payloads);
        });
        return read_succeeded(name, reader.error().empty() ? m_parallel->error() : reader.error());
    }
    while (auto payload = reader.next()) {
        m_outcome.index = payload->index;
        m_outcome.whole_file = reader.layout() == schema::Layout::document;
        m_parser.check(payload->data, payload->size, m_result);
        m_outcome.line = payload->line;
        m_outcome.result = &m_result;
        m_outcome.positions.clear();
        for (const schema::Finding& f : m_result.findings)
            m_outcome.positions.push_back(reader.position(*payload, f.offset.value_or(0)));
        m_totals.add(m_result);
        m_reporter.payload(m_outcome);
        m_progress.update(m_totals.payloads);
    }
    return read_succeeded(name, reader.error());
}

}  // namespace flowhook::validate
