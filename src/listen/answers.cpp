#include "listen/answers.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>

#include "util/error.hpp"
#include "util/base64.hpp"
#include "util/text.hpp"

namespace flowhook::listen {
namespace {

using util::iequals;

Step parse_step(std::string_view text, int late_status) {
    if (text == "timeout") return {Step::Kind::timeout, late_status};
    if (text == "drop") return {Step::Kind::drop, 0};
    bool digits = text.size() == 3 && std::all_of(text.begin(), text.end(), [](char c) {
                      return c >= '0' && c <= '9';
                  });
    int status = digits ? std::stoi(std::string(text)) : 0;
    if (status < 100 || status > 599)
        throw Error("--respond: \"" + std::string(text) +
                    "\" is not a step; use a status code (100-599), timeout or drop");
    return {Step::Kind::status, status};
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    std::size_t n = std::max(a.size(), b.size());
    unsigned diff = a.size() != b.size();
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned>(x ^ y);
    }
    return diff == 0;
}

}  // namespace

std::uint64_t body_hash(std::string_view bytes) {
    // The library's hash reads eight bytes a step; FNV-1a's byte a step was a twelfth of a
    // 1 MB delivery's work.
    return std::hash<std::string_view>{}(bytes);
}


ResponsePlan ResponsePlan::from_options(const std::string& respond, int fail_first, int status) {
    ResponsePlan plan;
    if (!respond.empty()) {
        std::string_view rest = respond;
        while (true) {
            std::size_t comma = rest.find(',');
            plan.m_steps.push_back(parse_step(rest.substr(0, comma), status));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
        return plan;
    }
    for (int i = 0; i < fail_first; ++i) plan.m_steps.push_back({Step::Kind::status, 500});
    plan.m_steps.push_back({Step::Kind::status, status});
    return plan;
}

const Step& ResponsePlan::step(std::size_t delivery) const {
    return m_steps[std::min(delivery ? delivery - 1 : 0, m_steps.size() - 1)];
}

std::string ResponsePlan::text() const {
    if (!scripted()) return {};
    std::string text;
    for (const Step& step : m_steps) {
        if (!text.empty()) text += ',';
        text += step_name(step);
    }
    return text;
}

std::string step_name(const Step& step) {
    switch (step.kind) {
        case Step::Kind::timeout: return "timeout";
        case Step::Kind::drop: return "drop";
        case Step::Kind::status: break;
    }
    return std::to_string(step.status);
}

CredentialCheck CredentialCheck::from_options(const std::string& basic, const std::string& bearer) {
    CredentialCheck credentials;
    if (!basic.empty() && !bearer.empty())
        throw Error("--basic and --bearer exclude each other: a transport sends one or the other");
    if (!basic.empty()) {
        if (basic.find(':') == std::string::npos) throw Error("--basic: expected USER:PASS");
        credentials.m_scheme = "Basic";
        credentials.m_expected = util::base64_encode(basic);
    } else if (!bearer.empty()) {
        credentials.m_scheme = "Bearer";
        credentials.m_expected = bearer;
    }
    return credentials;
}

bool CredentialCheck::accept(const std::string* authorization) const {
    if (!required()) return true;
    std::string_view given = authorization ? std::string_view(*authorization) : std::string_view();
    std::size_t space = given.find(' ');
    std::string_view scheme = given.substr(0, space);
    std::string_view secret = space == std::string_view::npos ? std::string_view() : given.substr(space + 1);
    while (!secret.empty() && secret.front() == ' ') secret.remove_prefix(1);
    bool secret_ok = constant_time_equal(secret, m_expected);
    return iequals(scheme, m_scheme) && secret_ok;
}

std::string CredentialCheck::challenge() const {
    return m_scheme + " realm=\"flowhook\"";
}

RepeatTracker::Seen RepeatTracker::see(std::string_view body,
                                       std::chrono::system_clock::time_point received) {
    std::uint64_t hash = body_hash(body);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    std::lock_guard lock(m_mutex);
    auto [it, inserted] = m_entries.try_emplace(hash, Entry{0, received});
    if (inserted) {
        m_order.push_back(hash);
        if (m_order.size() > k_max_bodies) {
            m_entries.erase(m_order.front());
            m_order.pop_front();
        }
    }
    return {++it->second.count, hex, it->second.first};
}

}  // namespace flowhook::listen
