#include "send/sender.hpp"

#include <algorithm>
#include <mutex>
#include <thread>
#include <utility>

#include "util/gzip.hpp"

namespace flowhook::send {
namespace {

using Clock = std::chrono::steady_clock;

// Spaces attempts of all workers at least 1/rate apart.
class RateLimiter {
  public:
    explicit RateLimiter(double per_second)
        : m_interval(per_second > 0 ? std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(1.0 / per_second))
                                    : Clock::duration::zero()) {}

    bool wait(const std::atomic<bool>& stop) {
        if (m_interval == Clock::duration::zero()) return !stop.load();
        Clock::time_point slot;
        {
            std::lock_guard lock(m_mutex);
            slot = std::max(Clock::now(), m_next);
            m_next = slot + m_interval;
        }
        return delivery::sleep_until(slot, stop);
    }

  private:
    Clock::duration m_interval;
    std::mutex m_mutex;
    Clock::time_point m_next{};
};

class Sender {
  public:
    Sender(DeliverySource& deliveries, const delivery::HeaderLayers& headers, const SenderOptions& options,
           SendReporter& reporter, const std::atomic<bool>& stop)
        : m_deliveries(deliveries),
          m_headers(headers),
          m_options(options),
          m_reporter(reporter),
          m_stop(stop),
          m_rate(options.rate) {
        m_summary.timeout = options.client.timeout;
    }

    Summary run() {
        auto start = Clock::now();
        // Never more than --concurrency - 1: start_another_worker never reallocates it.
        m_threads.reserve(static_cast<std::size_t>(std::max(0, m_options.concurrency - 1)));
        work(0);
        join_workers();
        m_summary.payloads = m_deliveries.handed_out();
        m_summary.elapsed = std::chrono::duration_cast<http::Latency>(Clock::now() - start);
        m_summary.was_interrupted = m_stop.load();
        return std::move(m_summary);
    }

  private:
    void work(std::size_t worker) {
        std::unique_ptr<http::Client> client;  // connects on first use: invalid payloads need none
        std::mt19937_64 random(m_options.jitter_seed + worker);
        while (std::optional<Delivery> next = m_deliveries.next()) {
            start_another_worker();
            const Delivery& delivery = *next;
            if (!delivery.valid()) {
                report_outcome({delivery, Outcome::invalid, 0, nullptr});
                continue;
            }
            if (!client) client = std::make_unique<http::Client>(m_options.client);
            deliver(delivery, *client, random);
        }
    }

    // Workers start as deliveries turn up, one more each time a worker takes one: the source is
    // read as it goes, so how many there are is not known, and `--concurrency 64` with three
    // payloads should start four threads, not 64. (Each connects on its first valid payload.)
    void start_another_worker() {
        std::lock_guard lock(m_threads_mutex);
        if (m_threads.size() + 1 >= static_cast<std::size_t>(std::max(1, m_options.concurrency)))
            return;
        std::size_t id = m_threads.size() + 1;
        m_threads.emplace_back([this, id] { work(id); });
    }

    // A worker may start another until it has taken its last delivery, so the list can grow
    // while it is being joined; whoever grows it is still running, so none is missed.
    void join_workers() {
        for (std::size_t i = 0;; ++i) {
            std::thread* thread;
            {
                std::lock_guard lock(m_threads_mutex);
                if (i == m_threads.size()) return;
                thread = &m_threads[i];
            }
            thread->join();
        }
    }

    void deliver(const Delivery& payload, http::Client& client, std::mt19937_64& random) {
        delivery::Hooks hooks{
            [this] { return m_rate.wait(m_stop); },
            [&](const delivery::AttemptStep& step) {
                report_attempt({payload, step.number, step.attempt, step.retry_in});
            }};
        // Compressed once per payload; every attempt sends the same bytes.
        std::string compressed = m_options.gzip ? util::gzip_compress(payload.body) : std::string();
        delivery::Result result =
            delivery::deliver(client, delivery::delivery_headers(m_headers, payload.headers),
                              m_options.gzip ? compressed : payload.body, m_options.policy, random,
                              m_stop, hooks);
        report_outcome({payload, result.outcome, result.attempts,
                        result.attempts ? &result.last : nullptr});
    }

    void report_attempt(const AttemptEvent& event) {
        std::lock_guard lock(m_mutex);
        ++m_summary.attempts;
        const http::Attempt& attempt = event.attempt;
        if (attempt.answer) {
            m_summary.latencies.push_back(attempt.latency);
            if (attempt.latency * 2 > m_options.client.timeout)
                m_summary.slow.push_back({event.delivery.name, event.number, attempt.latency});
        }
        note_hint(attempt);
        m_reporter.attempt(event);
    }

    // A hint is said once per run, however many attempts run into it.
    void note_hint(const http::Attempt& attempt) {
        std::string hint = attempt.failure ? attempt.failure->hint : "";
        if (attempt.answer && attempt.answer->status >= 300 && attempt.answer->status < 400 &&
            !std::exchange(m_redirect_hinted, true))
            hint = "the receiver redirects (" + std::to_string(attempt.answer->status) +
                   (attempt.answer->location.empty() ? "" : " to " + attempt.answer->location) +
                   "), and the platform does not follow redirects: the URL probably needs the "
                   "redirected form (a trailing slash, https)";
        if (hint.empty()) return;
        if (std::find(m_summary.hints.begin(), m_summary.hints.end(), hint) == m_summary.hints.end())
            m_summary.hints.push_back(std::move(hint));
    }

    void report_outcome(const OutcomeEvent& event) {
        std::lock_guard lock(m_mutex);
        switch (event.outcome) {
            case Outcome::delivered:
                ++m_summary.delivered;
                break;
            case Outcome::failed:
                ++m_summary.failed;
                break;
            case Outcome::gave_up:
                ++m_summary.gave_up;
                break;
            case Outcome::invalid:
                ++m_summary.invalid;
                break;
            case Outcome::interrupted:
                ++m_summary.interrupted;
                break;
        }
        m_reporter.outcome(event);
        if (m_options.progress) m_options.progress->update(++m_done);
    }

    DeliverySource& m_deliveries;
    const delivery::HeaderLayers& m_headers;
    const SenderOptions& m_options;
    SendReporter& m_reporter;
    const std::atomic<bool>& m_stop;
    RateLimiter m_rate;
    std::mutex m_threads_mutex;
    std::vector<std::thread> m_threads;  // the workers besides the calling thread
    std::mutex m_mutex;  // guards m_summary and serialises the reporter
    Summary m_summary;
    std::uint64_t m_done = 0;  // payloads with an outcome
    bool m_redirect_hinted = false;
};

}  // namespace

Summary deliver_all(DeliverySource& deliveries, const delivery::HeaderLayers& headers,
                    const SenderOptions& options, SendReporter& reporter,
                    const std::atomic<bool>& stop) {
    return Sender(deliveries, headers, options, reporter, stop).run();
}

}  // namespace flowhook::send
