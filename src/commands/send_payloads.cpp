#include "commands/send_payloads.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>

#include "app.hpp"
#include "schema/catalog.hpp"
#include "schema/payload_reader.hpp"
#include "schema/validator.hpp"

namespace flowhook::commands {
namespace {

// "file" for a single document, "file:LINE" for NDJSON, "file[INDEX]" for an array.
std::string payload_name(const std::string& source, const schema::RawPayload& payload,
                         schema::Layout layout) {
    if (layout == schema::Layout::ndjson) return source + ":" + std::to_string(payload.line);
    if (payload.index) return source + "[" + std::to_string(*payload.index) + "]";
    return source;
}

void read_stream(int fd, const std::string& name, std::vector<Delivery>& out) {
    schema::PayloadReader reader(fd);
    while (auto payload = reader.next())
        out.push_back({payload_name(name, *payload, reader.layout()),
                       std::string(payload->data, payload->size),
                       {},
                       {},
                       {}});
    if (!reader.error().empty()) throw Error("cannot read " + name + ": " + reader.error());
}

void read_file(const std::string& path, std::vector<Delivery>& out) {
    if (path == "-") return read_stream(STDIN_FILENO, "-", out);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error("cannot read " + path + ": " + std::strerror(errno));
    try {
        read_stream(fd, path, out);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
}

schema::ActionMatch find_action_or_throw(const std::string& name) {
    if (auto match = schema::find_action(name)) return *match;
    std::string message = "--action: unknown action \"" + name + "\"";
    if (auto suggestion = schema::suggest_action(name); !suggestion.empty())
        message += "; did you mean \"" + std::string(suggestion) + "\"?";
    throw Error(message);
}

void make_samples(const PayloadSources& sources, std::vector<Delivery>& out) {
    if (sources.actions.empty()) return;
    std::vector<schema::ActionMatch> actions;
    for (const std::string& name : sources.actions) actions.push_back(find_action_or_throw(name));
    try {
        schema::SampleMaker maker(sources.sample);
        maker.check_sets_apply(actions);  // a --set that changes nothing is a mistake
        for (std::size_t i = 0; i < actions.size(); ++i)
            out.push_back({"sample " + sources.actions[i], maker.make(actions[i]), {}, {}, {}});
    } catch (const std::invalid_argument& e) {
        throw Error(e.what());
    }
}

}  // namespace

std::vector<Delivery> read_deliveries(const PayloadSources& sources) {
    std::vector<Delivery> deliveries;
    for (const std::string& path : sources.paths) read_file(path, deliveries);
    make_samples(sources, deliveries);
    if (!sources.replay.empty()) {
        std::vector<Delivery> replayed = read_replay(sources.replay);
        deliveries.insert(deliveries.end(), std::make_move_iterator(replayed.begin()),
                          std::make_move_iterator(replayed.end()));
    }
    return deliveries;
}

void validate_deliveries(std::vector<Delivery>& deliveries) {
    for (Delivery& delivery : deliveries) {
        schema::ValidationResult result = schema::validate_text(delivery.body);
        if (result.action) delivery.action = result.action->spelling;
        for (const schema::Finding& finding : result.findings)
            if (finding.severity == schema::Severity::error)
                delivery.problems.push_back(finding.message);
    }
}

void duplicate_deliveries(std::vector<Delivery>& deliveries, int copies) {
    if (copies <= 1) return;
    std::vector<Delivery> out;
    out.reserve(deliveries.size() * static_cast<std::size_t>(copies));
    for (const Delivery& delivery : deliveries) {
        for (int copy = 1; copy <= copies; ++copy) {
            out.push_back(delivery);
            out.back().name +=
                " (copy " + std::to_string(copy) + "/" + std::to_string(copies) + ")";
        }
    }
    deliveries = std::move(out);
}

void shuffle_deliveries(std::vector<Delivery>& deliveries, std::uint64_t seed) {
    // Fisher-Yates over mt19937_64 by hand: std::shuffle's order differs between libraries,
    // and a seed must give the same order everywhere.
    std::mt19937_64 random(seed);
    for (std::size_t i = deliveries.size(); i > 1; --i) {
        std::size_t j = static_cast<std::size_t>(random() % i);
        std::swap(deliveries[i - 1], deliveries[j]);
    }
}

}  // namespace flowhook::commands
