#pragma once
// The engine of flowhook validate: reads payload streams, parses and validates each payload,
// and hands the outcomes to a reporter in input order; NDJSON optionally on several threads.

#include <cstddef>
#include <memory>
#include <string>

#include <rapidjson/document.h>

#include "output/report.hpp"
#include "schema/payload_reader.hpp"
#include "schema/validator.hpp"
#include "util/progress.hpp"

namespace flowhook::validate {

// Parses and validates payload after payload, reusing one document and its memory: a valid
// payload costs no heap allocation.
class PayloadParser {
public:
    explicit PayloadParser(const schema::ValidateOptions& options);
    PayloadParser(const PayloadParser&) = delete;
    PayloadParser& operator=(const PayloadParser&) = delete;

    // Replaces `result` with the findings for the `size` bytes at `data`; data[size] is
    // overwritten.
    void check(char* data, std::size_t size, schema::ValidationResult& result);

private:
    using Pool = rapidjson::MemoryPoolAllocator<>;
    static constexpr std::size_t k_stack_capacity = 1024;

    const schema::ValidateOptions& m_options;
    char m_pool_buffer[64 * 1024];
    char m_stack_buffer[16 * 1024];
    Pool m_pool;
    Pool m_stack;
    rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, Pool> m_document;
};

// Prints "flowhook: validate: <message>" on stderr: a problem with the run, not a payload.
void print_warning(const std::string& message);

class ParallelValidator;

// Validates every payload of the streams it is given, in order, reporting each one.
class StreamValidator {
public:
    // `jobs` > 1 validates NDJSON on that many threads, the calling one among them;
    // `progress` counts the payloads reported.
    StreamValidator(const schema::ValidateOptions& options, output::Reporter& reporter,
                    output::Totals& totals, unsigned jobs, util::Progress& progress);
    ~StreamValidator();
    StreamValidator(const StreamValidator&) = delete;
    StreamValidator& operator=(const StreamValidator&) = delete;

    // Validates every payload read from `fd`, shown as `name`; false when reading failed
    // part way (the payloads before the failure are reported).
    bool check_stream(int fd, const std::string& name);

private:
    const schema::ValidateOptions& m_options;
    output::Reporter& m_reporter;
    output::Totals& m_totals;
    unsigned m_jobs;
    util::Progress& m_progress;
    PayloadParser m_parser;
    schema::ValidationResult m_result;
    output::PayloadOutcome m_outcome;
    std::unique_ptr<ParallelValidator> m_parallel;  // started with the first NDJSON stream
};

}  // namespace flowhook::validate
