#include "commands/validate_engine.hpp"

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace flowhook::commands {
namespace {

// An NDJSON payload's findings sit on its line, at their offset into it.
void ndjson_positions(const schema::ValidationResult& result, std::size_t line,
                      std::vector<schema::TextPosition>& positions) {
    positions.clear();
    for (const schema::Finding& f : result.findings)
        positions.push_back({line, f.offset.value_or(0) + 1});
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

// NDJSON on worker threads. The reading thread copies lines into batches (a fixed pool of
// them, so memory stays flat), workers validate whole batches, and the reading thread
// reports finished batches strictly in the order it filled them.
class ParallelValidator {
public:
    ParallelValidator(const schema::ValidateOptions& options, unsigned jobs) {
        // One batch per worker, one being filled, one finished and waiting for its turn to
        // be reported: enough to keep every worker busy, and memory of about a MB each.
        for (unsigned i = 0; i < jobs + 2; ++i) {
            m_batches.push_back(std::make_unique<Batch>());
            m_free.push_back(m_batches.back().get());
        }
        for (unsigned i = 0; i < jobs; ++i)
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

    // Validates `first` and every further payload of `reader`, reporting each in order.
    template <typename Report>
    void run(schema::PayloadReader& reader, schema::RawPayload first, const Report& report) {
        Batch* batch = take_free(report);
        for (auto payload = std::optional(first); payload; payload = reader.next()) {
            batch->add(*payload);
            if (batch->full()) {
                submit(batch);
                batch = take_free(report);
            }
        }
        if (batch->items.empty())
            recycle(batch);
        else
            submit(batch);
        while (!m_in_flight.empty()) report_oldest(report);
    }

private:
    struct Item {
        std::size_t offset, size, line;
    };

    struct Batch {
        static constexpr std::size_t k_max_items = 4096;
        static constexpr std::size_t k_max_bytes = 1 << 20;

        std::vector<char> text;  // each line, then one byte for the parser's NUL
        std::vector<Item> items;
        std::vector<schema::ValidationResult> results;  // kept: their findings reuse memory
        bool done = false;
        std::exception_ptr failure;

        void add(const schema::RawPayload& payload) {
            items.push_back({text.size(), payload.size, payload.line});
            text.insert(text.end(), payload.data, payload.data + payload.size);
            text.push_back('\0');
        }
        bool full() const { return items.size() >= k_max_items || text.size() >= k_max_bytes; }
    };

    template <typename Report>
    Batch* take_free(const Report& report) {
        if (m_free.empty()) report_oldest(report);
        Batch* batch = m_free.back();
        m_free.pop_back();
        return batch;
    }

    void recycle(Batch* batch) {
        batch->text.clear();
        batch->items.clear();
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

    template <typename Report>
    void report_oldest(const Report& report) {
        Batch* batch = m_in_flight.front();
        m_in_flight.pop_front();
        {
            std::unique_lock lock(m_mutex);
            m_batch_done.wait(lock, [batch] { return batch->done; });
        }
        if (batch->failure) std::rethrow_exception(batch->failure);
        for (std::size_t i = 0; i < batch->items.size(); ++i)
            report(batch->items[i].line, batch->results[i]);
        recycle(batch);
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
            try {
                if (batch->results.size() < batch->items.size())
                    batch->results.resize(batch->items.size());
                for (std::size_t i = 0; i < batch->items.size(); ++i) {
                    const Item& item = batch->items[i];
                    parser.check(batch->text.data() + item.offset, item.size, batch->results[i]);
                }
            } catch (...) {
                batch->failure = std::current_exception();
            }
            {
                std::lock_guard lock(m_mutex);
                batch->done = true;
            }
            m_batch_done.notify_all();
        }
    }

    std::vector<std::unique_ptr<Batch>> m_batches;  // all of them, wherever they are
    // Only the reading thread touches these.
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
    while (auto payload = reader.next()) {
        m_outcome.index = payload->index;
        m_outcome.whole_file = reader.layout() == schema::Layout::document;
        if (reader.layout() == schema::Layout::ndjson && m_jobs > 1) {
            if (!m_parallel) m_parallel = std::make_unique<ParallelValidator>(m_options, m_jobs);
            m_parallel->run(reader, *payload, [this](std::size_t line,
                                                     const schema::ValidationResult& result) {
                m_outcome.line = line;
                m_outcome.result = &result;
                ndjson_positions(result, line, m_outcome.positions);
                m_totals.add(result);
                m_reporter.payload(m_outcome);
                m_progress.update(m_totals.payloads);
            });
            break;
        }
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
    if (!reader.error().empty()) {
        print_warning("cannot read " + name + ": " + reader.error());
        return false;
    }
    return true;
}

}  // namespace flowhook::commands
