#include "listen/inspector/guard.hpp"

#include <algorithm>

namespace flowhook::listen::inspector {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A DNS name or IPv4 address: letters, digits, '-', '.'; no empty label.
bool plain_host(std::string_view host) {
    if (host.empty() || host.size() > 253) return false;
    std::size_t label = 0;
    for (char c : host) {
        if (c == '.') {
            if (label == 0) return false;
            label = 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
            ++label;
        } else {
            return false;
        }
    }
    return label > 0 || host.back() == '.';
}

bool ipv6_text(std::string_view host) {
    return !host.empty() && host.size() <= 45 && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
    });
}

// 127.x.y.z with each part 0-255.
bool loopback_v4(std::string_view host) {
    int parts = 0;
    while (!host.empty()) {
        std::size_t dot = host.find('.');
        std::string_view part = host.substr(0, dot);
        if (!all_digits(part) || part.size() > 3 || std::stoi(std::string(part)) > 255) return false;
        if (parts == 0 && part != "127") return false;
        ++parts;
        if (dot == std::string_view::npos) break;
        host.remove_prefix(dot + 1);
        if (host.empty()) return false;
    }
    return parts == 4;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<std::string> host_of(std::string_view header) {
    header = trimmed(header);
    std::string_view host, port;
    if (!header.empty() && header.front() == '[') {
        std::size_t close = header.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = header.substr(1, close - 1);
        std::string_view rest = header.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            port = rest.substr(1);
            if (port.empty()) return std::nullopt;
        }
        std::string text = lowered(host);
        if (!ipv6_text(text)) return std::nullopt;
        if (!port.empty() && (!all_digits(port) || port.size() > 5)) return std::nullopt;
        return text;
    }
    std::size_t colon = header.find(':');
    host = header.substr(0, colon);
    if (colon != std::string_view::npos) {
        port = header.substr(colon + 1);
        if (!all_digits(port) || port.size() > 5) return std::nullopt;
    }
    std::string text = lowered(host);
    if (!plain_host(text)) return std::nullopt;
    return text;
}

bool is_loopback(std::string_view host) {
    std::string text = lowered(host);
    if (!text.empty() && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (!text.empty() && text.back() == '.') text.pop_back();  // "localhost." is localhost
    if (text == "localhost" || text == "::1" || text == "0:0:0:0:0:0:0:1") return true;
    constexpr std::string_view k_suffix = ".localhost";
    if (text.size() > k_suffix.size() && text.compare(text.size() - k_suffix.size(), k_suffix.size(), k_suffix) == 0)
        return plain_host(text);
    return loopback_v4(text);
}

bool host_allowed(std::string_view host_header, std::string_view bound) {
    std::optional<std::string> host = host_of(host_header);
    if (!host) return false;
    if (is_loopback(*host)) return true;
    std::string bound_host = lowered(bound);
    if (!bound_host.empty() && bound_host.front() == '[' && bound_host.back() == ']')
        bound_host = bound_host.substr(1, bound_host.size() - 2);
    return !bound_host.empty() && *host == bound_host;
}

bool origin_matches(std::string_view origin, std::string_view host_header) {
    origin = trimmed(origin);
    host_header = trimmed(host_header);
    constexpr std::string_view k_scheme = "http://";
    if (origin.size() <= k_scheme.size() || lowered(origin.substr(0, k_scheme.size())) != k_scheme) return false;
    if (!host_of(host_header)) return false;
    return lowered(origin.substr(k_scheme.size())) == lowered(host_header);
}

std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        std::size_t semicolon = header.find(';');
        std::string_view pair = trimmed(header.substr(0, semicolon));
        std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos && trimmed(pair.substr(0, equals)) == name) {
            std::string_view value = trimmed(pair.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            return value;
        }
        if (semicolon == std::string_view::npos) break;
        header.remove_prefix(semicolon + 1);
    }
    return std::nullopt;
}

std::optional<std::string_view> query_value(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        std::size_t equals = pair.find('=');
        std::string_view key = pair.substr(0, equals);
        if (key == name) return equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::optional<std::uint64_t> last_event_id(std::string_view value, std::string_view run) {
    value = trimmed(value);
    if (value.size() <= run.size() || value.substr(0, run.size()) != run || value[run.size()] != '-')
        return std::nullopt;
    value.remove_prefix(run.size() + 1);
    if (!all_digits(value) || value.size() > 19) return std::nullopt;
    std::uint64_t id = 0;
    for (char c : value) id = id * 10 + static_cast<std::uint64_t>(c - '0');
    if (id > (std::uint64_t{1} << 63) - 1) return std::nullopt;
    return id;
}

bool same_secret(std::string_view a, std::string_view b) {
    unsigned diff = a.size() != b.size();
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        diff |= static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
    return diff == 0;
}

}  // namespace flowhook::listen::inspector
