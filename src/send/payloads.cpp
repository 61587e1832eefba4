#include "send/payloads.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>

#include "util/error.hpp"
#include "schema/catalog.hpp"
#include "schema/validator.hpp"

namespace flowhook::send {
namespace {

// "file" for a single document, "file:LINE" for NDJSON, "file[INDEX]" for an array.
std::string payload_name(const std::string& source, const schema::RawPayload& payload,
                         schema::Layout layout) {
    if (layout == schema::Layout::ndjson) return source + ":" + std::to_string(payload.line);
    if (payload.index) return source + "[" + std::to_string(*payload.index) + "]";
    return source;
}

// Opens a payload file for reading; -1 with errno set when it cannot be read. A folder opens
// but cannot be read, so it is refused here with EISDIR.
int open_payload_file(const std::string& path) {
    if (path == "-") return STDIN_FILENO;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info {};
    if (fd >= 0 && ::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        errno = EISDIR;
        return -1;
    }
    return fd;
}

// Every file is opened once before anything is sent, so that a typo in the last path does
// not surface after the first thousand deliveries.
void check_readable(const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
        int fd = open_payload_file(path);
        if (fd < 0) throw Error("cannot read " + path + ": " + std::strerror(errno));
        if (fd != STDIN_FILENO) ::close(fd);
    }
}

schema::ActionMatch find_action_or_throw(const std::string& name) {
    if (auto match = schema::find_action(name)) return *match;
    std::string message = "--action: unknown action \"" + name + "\"";
    if (auto suggestion = schema::suggest_action(name); !suggestion.empty())
        message += "; did you mean \"" + std::string(suggestion) + "\"?";
    throw Error(message);
}

std::vector<Delivery> make_samples(const PayloadSources& sources) {
    std::vector<Delivery> samples;
    if (sources.actions.empty()) return samples;
    std::vector<schema::ActionMatch> actions;
    for (const std::string& name : sources.actions) actions.push_back(find_action_or_throw(name));
    try {
        schema::SampleMaker maker(sources.sample);
        maker.check_sets_apply(actions);  // a --set that changes nothing is a mistake
        for (std::size_t i = 0; i < actions.size(); ++i)
            samples.push_back({"sample " + sources.actions[i], maker.make(actions[i]), {}, {}, {}});
    } catch (const std::invalid_argument& e) {
        throw Error(e.what());
    }
    return samples;
}

// Fisher-Yates over mt19937_64 by hand: std::shuffle's order differs between libraries, and a
// seed must give the same order everywhere.
void shuffle_in_place(std::vector<Delivery>& deliveries, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    for (std::size_t i = deliveries.size(); i > 1; --i) {
        std::size_t j = static_cast<std::size_t>(random() % i);
        std::swap(deliveries[i - 1], deliveries[j]);
    }
}

}  // namespace

void validate_delivery(Delivery& delivery, bool enforce) {
    schema::ValidationResult result = schema::validate_text(delivery.body);
    if (result.action) delivery.action = result.action->spelling;
    if (!enforce) return;
    for (const schema::Finding& finding : result.findings)
        if (finding.severity == schema::Severity::error)
            delivery.problems.push_back(finding.message);
}

DeliverySource::DeliverySource(const PayloadSources& sources) : m_sources(sources) {
    check_readable(m_sources.paths);
    m_samples = make_samples(m_sources);
    if (!m_sources.replay.empty()) m_replay = std::make_unique<delivery::ReplayReader>(m_sources.replay, "send", "--replay");
}

DeliverySource::~DeliverySource() { close_file(); }

void DeliverySource::shuffle(std::uint64_t seed) {
    std::vector<Delivery> all;
    {
        std::lock_guard lock(m_mutex);
        while (auto delivery = take()) all.push_back(std::move(*delivery));
    }
    shuffle_in_place(all, seed);
    std::lock_guard lock(m_mutex);
    m_shuffled = std::move(all);
}

std::optional<Delivery> DeliverySource::next() {
    std::optional<Delivery> delivery;
    {
        std::lock_guard lock(m_mutex);
        if (m_shuffled) {
            if (m_next_shuffled < m_shuffled->size())
                delivery = std::move((*m_shuffled)[m_next_shuffled++]);
        } else {
            delivery = take();
        }
        if (delivery) ++m_handed_out;
    }
    // Outside the lock: workers validate side by side.
    if (delivery) validate_delivery(*delivery, m_sources.enforce_schema);
    return delivery;
}

std::size_t DeliverySource::handed_out() const {
    std::lock_guard lock(m_mutex);
    return m_handed_out;
}

bool DeliverySource::read_failed() const {
    std::lock_guard lock(m_mutex);
    return m_read_failed;
}

// --duplicate: each payload `copies` times, named "(copy K/N)", before the next one is read.
std::optional<Delivery> DeliverySource::take() {
    int copies = m_sources.copies;
    if (copies <= 1) return pull();
    if (!m_copied || m_copies_made == copies) {
        m_copied = pull();
        m_copies_made = 0;
        if (!m_copied) return std::nullopt;
    }
    Delivery copy = *m_copied;
    copy.name += " (copy " + std::to_string(++m_copies_made) + "/" + std::to_string(copies) + ")";
    return copy;
}

std::optional<Delivery> DeliverySource::pull() {
    if (auto delivery = next_from_files()) return delivery;
    if (m_next_sample < m_samples.size()) return std::move(m_samples[m_next_sample++]);
    return next_from_replay();
}

std::optional<Delivery> DeliverySource::next_from_files() {
    for (;;) {
        if (!m_reader) {
            if (m_next_path == m_sources.paths.size()) return std::nullopt;
            open_next_file();
            continue;
        }
        if (auto payload = m_reader->next())
            return Delivery{payload_name(m_file_name, *payload, m_reader->layout()),
                            std::string(payload->data, payload->size),
                            {},
                            {},
                            {}};
        if (!m_reader->error().empty()) report_read_error(m_file_name, m_reader->error());
        close_file();
    }
}

void DeliverySource::open_next_file() {
    m_file_name = m_sources.paths[m_next_path++];
    m_fd = open_payload_file(m_file_name);
    if (m_fd < 0) return report_read_error(m_file_name, std::strerror(errno));
    m_reader = std::make_unique<schema::PayloadReader>(m_fd);
}

void DeliverySource::close_file() {
    m_reader.reset();
    if (m_fd > STDIN_FILENO) ::close(m_fd);
    m_fd = -1;
}

std::optional<Delivery> DeliverySource::next_from_replay() {
    if (!m_replay) return std::nullopt;
    if (auto recorded = m_replay->next())
        return Delivery{std::move(recorded->name), std::move(recorded->body),
                        std::move(recorded->headers), {}, {}};
    if (!m_replay->error().empty()) report_read_error(m_sources.replay, m_replay->error());
    m_replay.reset();
    return std::nullopt;
}

// The deliveries read before the error are sent; the rest of that input is not, and the run
// ends with exit code 2 (unreadable input).
void DeliverySource::report_read_error(const std::string& name, const std::string& why) {
    std::fprintf(stderr, "flowhook: send: cannot read %s: %s\n", name.c_str(), why.c_str());
    m_read_failed = true;
}

}  // namespace flowhook::send
