#include "listen/inspector/store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include <rapidjson/document.h>

#include "delivery/request.hpp"
#include "listen/answers.hpp"
#include "output/delivery_record.hpp"
#include "output/json_writer.hpp"
#include "util/base64.hpp"

namespace flowhook::listen::inspector {
namespace {

void write_optional_string(output::JsonWriter& w, const std::optional<std::string>& text) {
    if (text)
        output::write_string(w, *text);
    else
        w.Null();
}

// The members the API adds to a record line, as the text of an object.
std::string extras(std::uint64_t id, std::size_t size, std::uint64_t first_id, const Arrival* arrival) {
    std::string text;
    output::StringSink sink{&text};
    output::JsonWriter w(sink);
    w.StartObject();
    output::write_key(w, "id");
    w.Uint64(id);
    output::write_key(w, "size");
    w.Uint64(size);
    output::write_key(w, "step");
    write_optional_string(w, arrival ? arrival->step : std::nullopt);
    output::write_key(w, "answer_ms");
    if (arrival && arrival->answer_ms)
        w.Double(*arrival->answer_ms);
    else
        w.Null();
    output::write_key(w, "first_id");
    w.Uint64(first_id);
    output::write_key(w, "forward");
    if (arrival && arrival->forward) {
        const ForwardNote& f = *arrival->forward;
        w.StartObject();
        output::write_key(w, "url");
        output::write_string(w, f.url);
        output::write_key(w, "status");
        if (f.status)
            w.Int(*f.status);
        else
            w.Null();
        output::write_key(w, "latency_ms");
        w.Double(f.latency_ms);
        output::write_key(w, "error");
        write_optional_string(w, f.error);
        w.EndObject();
    } else {
        w.Null();
    }
    output::write_key(w, "encoding");
    write_optional_string(w, arrival ? arrival->encoding : std::nullopt);
    w.EndObject();
    return text;
}

// A record line ("{...}\n") and the extras ("{...}") as one object.
std::string joined(std::string_view line, const std::string& more) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.size() < 2 || line.back() != '}') return std::string(line);
    std::string text;
    text.reserve(line.size() + more.size());
    text.append(line.substr(0, line.size() - 1));
    if (line.size() > 2) text += ',';
    text.append(more, 1, std::string::npos);
    return text;
}

}  // namespace

http::Headers replayable(const http::Headers& received) {
    // As in the record: a credential is never kept, so a replay cannot carry it elsewhere.
    http::Headers headers;
    for (const http::Header& header : received) {
        std::string value = output::masked_header_value(header.first, header.second);
        if (delivery::replayable_header(header.first, value)) headers.emplace_back(header.first, std::move(value));
    }
    return headers;
}

std::size_t Store::Kept::bytes() const {
    std::size_t total = json.size() + source.body.size() + 64;
    for (const http::Header& header : source.headers) total += header.first.size() + header.second.size() + 16;
    return total;
}

Store::Store(KeepLimits limits, http::EventStreams* streams, std::string run)
    : m_limits(limits), m_streams(streams), m_run(std::move(run)) {
    if (m_streams) m_streams->set_tick([this] { publish_held(); });
}

void Store::publish_held() {
    std::lock_guard lock(m_mutex);
    publish_held_locked();
    m_window_start = std::chrono::steady_clock::now();
    m_window_full = 0;
}

void Store::publish_held_locked() {
    if (!m_held) return;
    // The id is the last held delivery's event: a stream that resumes after it has them all.
    std::string text = "id: " + event_id(m_held_seq) + "\nevent: coalesced\ndata: {\"after\":" +
                       std::to_string(m_held_first - 1) + ",\"last\":" + std::to_string(m_held_last) +
                       ",\"count\":" + std::to_string(m_held) + "}\n\n";
    m_held = 0;
    m_streams->publish(text);
}

std::uint64_t Store::add(const Arrival& arrival) {
    Kept kept;
    kept.hash = body_hash(arrival.body);
    kept.source.body.assign(arrival.body);
    if (arrival.headers) kept.source.headers = replayable(*arrival.headers);
    std::lock_guard lock(m_mutex);
    kept.id = m_next_id++;
    auto [first, inserted] = m_first.try_emplace(kept.hash, kept.id);
    kept.json = joined(arrival.record_line, extras(kept.id, arrival.body.size(), first->second, &arrival));
    kept.seq = ++m_seq;
    std::uint64_t id = kept.id;
    if (m_streams) {
        // At most k_full_per_window full events per window; once one is held back, the rest
        // of the window is too, so that event ids on a stream only increase.
        auto now = std::chrono::steady_clock::now();
        if (now - m_window_start >= std::chrono::milliseconds(100)) {
            publish_held_locked();
            m_window_start = now;
            m_window_full = 0;
        }
        if (m_held == 0 && m_window_full < k_full_per_window) {
            ++m_window_full;
            m_streams->publish(event_text(kept));
        } else {
            if (m_held++ == 0) m_held_first = kept.id;
            m_held_last = kept.id;
            m_held_seq = kept.seq;
            m_streams->poke();
        }
    }
    m_bytes += kept.bytes();
    m_kept.push_back(std::move(kept));
    trim();
    return id;
}

void Store::trim() {
    while (!m_kept.empty() && (m_kept.size() > m_limits.count || (m_bytes > m_limits.bytes && m_kept.size() > 1))) {
        Kept& oldest = m_kept.front();
        m_bytes -= oldest.bytes();
        m_forgotten_seq = std::max(m_forgotten_seq, oldest.seq);
        auto first = m_first.find(oldest.hash);
        if (first != m_first.end() && first->second == oldest.id) m_first.erase(first);
        m_kept.pop_front();
    }
    // One delivery larger than the byte limit is not kept at all.
    if (m_kept.size() == 1 && m_bytes > m_limits.bytes) {
        m_forgotten_seq = std::max(m_forgotten_seq, m_kept.front().seq);
        m_first.erase(m_kept.front().hash);
        m_kept.pop_front();
        m_bytes = 0;
    }
}

std::size_t Store::seed(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return 0;
    }
    // A kept delivery is at least as large as its record line: the newest keep_bytes of the
    // file hold every line that can be kept, whatever its size.
    auto size = static_cast<std::uint64_t>(info.st_size);
    std::uint64_t start = size > m_limits.bytes ? size - m_limits.bytes : 0;
    std::string text(static_cast<std::size_t>(size - start), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        ssize_t n = ::pread(fd, text.data() + got, text.size() - got, static_cast<off_t>(start + got));
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    text.resize(got);
    std::string_view rest = text;
    if (start > 0) {  // the first line is cut
        std::size_t newline = rest.find('\n');
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    }
    std::vector<std::string_view> lines;
    while (!rest.empty()) {
        std::size_t newline = rest.find('\n');
        if (newline == std::string_view::npos) break;  // a torn last line, still being written
        std::string_view line = rest.substr(0, newline);
        rest.remove_prefix(newline + 1);
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) lines.push_back(line);
    }
    if (lines.size() > m_limits.count) lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(m_limits.count));
    std::size_t seeded = 0;
    for (std::string_view line : lines) {
        rapidjson::Document parsed;
        parsed.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
        if (parsed.HasParseError() || !parsed.IsObject()) continue;
        // Read through a const view: C++20 finds comparing RapidJSON's mutable member
        // iterators ambiguous (clang's -Wambiguous-reversed-operator).
        const rapidjson::Value& record = parsed;
        Kept kept;
        auto raw = record.FindMember("raw");
        auto raw64 = record.FindMember("raw_base64");
        if (raw != record.MemberEnd() && raw->value.IsString()) {
            kept.source.body.assign(raw->value.GetString(), raw->value.GetStringLength());
        } else if (raw64 != record.MemberEnd() && raw64->value.IsString()) {
            auto body = util::base64_decode({raw64->value.GetString(), raw64->value.GetStringLength()});
            if (!body) continue;
            kept.source.body = std::move(*body);
        } else {
            continue;
        }
        auto headers = record.FindMember("headers");
        if (headers != record.MemberEnd() && headers->value.IsArray()) {
            for (const auto& pair : headers->value.GetArray()) {
                if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString()) continue;
                std::string name(pair[0].GetString(), pair[0].GetStringLength());
                std::string value(pair[1].GetString(), pair[1].GetStringLength());
                if (delivery::replayable_header(name, value)) kept.source.headers.emplace_back(std::move(name), std::move(value));
            }
        }
        kept.hash = body_hash(kept.source.body);
        std::lock_guard lock(m_mutex);
        kept.id = m_next_id++;
        auto [first, inserted] = m_first.try_emplace(kept.hash, kept.id);
        kept.json = joined(line, extras(kept.id, kept.source.body.size(), first->second, nullptr));
        kept.seq = ++m_seq;
        m_bytes += kept.bytes();
        m_kept.push_back(std::move(kept));
        trim();
        ++seeded;
    }
    return seeded;
}

std::string Store::list(std::optional<std::uint64_t> after, std::size_t limit) const {
    std::lock_guard lock(m_mutex);
    auto begin = m_kept.begin();
    auto end = m_kept.end();
    if (after) {
        begin = std::upper_bound(m_kept.begin(), m_kept.end(), *after,
                                 [](std::uint64_t id, const Kept& kept) { return id < kept.id; });
        if (static_cast<std::size_t>(end - begin) > limit) end = begin + static_cast<std::ptrdiff_t>(limit);
    } else if (m_kept.size() > limit) {
        begin = end - static_cast<std::ptrdiff_t>(limit);
    }
    std::size_t room = 2;
    for (auto it = begin; it != end; ++it) room += it->json.size() + 1;
    std::string text;
    text.reserve(room);
    text += '[';
    for (auto it = begin; it != end; ++it) {
        if (it != begin) text += ',';
        text += it->json;
    }
    text += "]\n";
    return text;
}

std::optional<std::string> Store::one(std::uint64_t id) const {
    std::lock_guard lock(m_mutex);
    auto it = std::lower_bound(m_kept.begin(), m_kept.end(), id,
                               [](const Kept& kept, std::uint64_t wanted) { return kept.id < wanted; });
    if (it == m_kept.end() || it->id != id) return std::nullopt;
    return it->json + '\n';
}

std::optional<ReplaySource> Store::replay_source(std::uint64_t id) const {
    std::lock_guard lock(m_mutex);
    auto it = std::lower_bound(m_kept.begin(), m_kept.end(), id,
                               [](const Kept& kept, std::uint64_t wanted) { return kept.id < wanted; });
    if (it == m_kept.end() || it->id != id) return std::nullopt;
    return it->source;
}

std::string Store::event_text(const Kept& kept) const {
    std::string text;
    text.reserve(kept.json.size() + m_run.size() + 48);
    text += "id: ";
    text += event_id(kept.seq);
    text += "\nevent: delivery\ndata: ";
    text += kept.json;
    text += "\n\n";
    return text;
}

void Store::attach(int fd, std::optional<std::uint64_t> last_seen) {
    if (!m_streams) return;
    // Under the lock, so that no event is published between what the stream is given here
    // and what it is given from now on: nothing twice, nothing missed.
    std::lock_guard lock(m_mutex);
    // Deliveries held back go out first (to the other streams, as their coalesced event):
    // this stream gets them below as full events, and the coalesced event, were it published
    // later, would name them again with an id it has already passed.
    publish_held_locked();
    std::string first = "retry: 1000\n\n";
    constexpr std::size_t k_most_replayed = 8 * 1024 * 1024;
    bool reset = !last_seen || *last_seen < m_forgotten_seq || *last_seen > m_seq;
    if (last_seen && !reset) {
        auto from = std::upper_bound(m_kept.begin(), m_kept.end(), *last_seen,
                                     [](std::uint64_t seq, const Kept& kept) { return seq < kept.seq; });
        std::size_t bytes = 0;
        for (auto it = from; it != m_kept.end(); ++it) bytes += it->json.size() + 48;
        if (bytes > k_most_replayed) {
            reset = true;  // more than a stream's backlog: cheaper to reload the list
        } else {
            for (auto it = from; it != m_kept.end(); ++it) first += event_text(*it);
        }
    }
    if (reset) {
        // Without Last-Event-ID: the page loads the list itself; the id lets the browser
        // resume from here. With one that is gone (or from an earlier run): reset.
        first += "id: " + event_id(m_seq) + "\n";
        first += last_seen ? "event: reset\ndata: {}\n\n" : ": connected\n\n";
    }
    m_streams->adopt(fd, std::move(first));
}

std::size_t Store::size() const {
    std::lock_guard lock(m_mutex);
    return m_kept.size();
}

}  // namespace flowhook::listen::inspector
