#pragma once
// How flowhook listen decides its answers: scripted steps per distinct body (--respond,
// --fail-first, --status), credentials (--basic, --bearer), and the repeats it has seen.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace flowhook::listen {

// One scripted answer.
struct Step {
    enum class Kind { status, timeout, drop };
    Kind kind = Kind::status;
    int status = 200;  // status: this code; timeout: the code sent late
};

// The n-th delivery of a body gets the n-th step; the last step repeats.
class ResponsePlan {
public:
    // From --respond SEQ ("500,timeout,drop,200"), or --fail-first N, or --status alone.
    // Throws flowhook::Error naming the bad step.
    static ResponsePlan from_options(const std::string& respond, int fail_first, int status);

    const Step& step(std::size_t delivery) const;  // delivery counts from 1
    std::size_t size() const { return m_steps.size(); }
    bool scripted() const { return m_steps.size() > 1; }
    // The steps as --respond spells them ("500,500,200"); "" when not scripted.
    std::string text() const;

private:
    std::vector<Step> m_steps;
};

// The plan in force: listen --ui's page may replace it while deliveries are answered.
class LivePlan {
public:
    explicit LivePlan(ResponsePlan plan) : m_plan(std::make_shared<const ResponsePlan>(std::move(plan))) {}
    std::shared_ptr<const ResponsePlan> current() const {
        std::lock_guard lock(m_mutex);
        return m_plan;
    }
    void replace(ResponsePlan plan) {
        auto next = std::make_shared<const ResponsePlan>(std::move(plan));
        std::lock_guard lock(m_mutex);
        m_plan = std::move(next);
    }

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const ResponsePlan> m_plan;
};

// "500", "timeout", "drop" as the --respond syntax spells a step.
std::string step_name(const Step& step);

// The credentials every delivery must carry; none means every delivery is accepted.
class CredentialCheck {
public:
    // From "USER:PASS" and/or a token (at most one of the two); throws flowhook::Error.
    static CredentialCheck from_options(const std::string& basic, const std::string& bearer);

    bool required() const { return !m_expected.empty(); }
    // Whether `authorization` (the header's value, or nullptr) carries them; compared in
    // constant time so a wrong guess takes as long as a nearly right one.
    bool accept(const std::string* authorization) const;
    // The WWW-Authenticate challenge for a 401.
    std::string challenge() const;

private:
    std::string m_scheme;    // "Basic" or "Bearer"
    std::string m_expected;  // the credentials after the scheme
};

// Counts deliveries per distinct body (by a hash of its bytes), to recognise retries.
class RepeatTracker {
public:
    struct Seen {
        std::size_t count = 0;  // this delivery's number among those of the same body
        std::string hash;       // 16 hex digits
        std::chrono::system_clock::time_point first;
    };
    Seen see(std::string_view body, std::chrono::system_clock::time_point received);

private:
    static constexpr std::size_t k_max_bodies = 100000;  // oldest forgotten beyond it
    struct Entry {
        std::size_t count = 0;
        std::chrono::system_clock::time_point first;
    };
    std::mutex m_mutex;
    std::unordered_map<std::uint64_t, Entry> m_entries;
    std::deque<std::uint64_t> m_order;
};

// A 64-bit hash of a body (the standard library's): which deliveries repeat one body. Only
// this process compares the hashes, so a fast one is enough.
std::uint64_t body_hash(std::string_view bytes);

}  // namespace flowhook::listen
