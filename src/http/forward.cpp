#include "http/forward.hpp"

#include <httplib.h>
#include "util/text.hpp"

#include <algorithm>
#include <cctype>

namespace flowhook::http {
namespace {

using util::iequals;

// Headers that describe one hop, or that the client sets itself, are not relayed.
bool is_relayed(std::string_view name) {
    static constexpr std::string_view k_hop[] = {
        "Host",    "Content-Length", "Transfer-Encoding", "Connection",       "Keep-Alive",
        "Expect",  "TE",             "Upgrade",           "Proxy-Connection", "Proxy-Authorization",
        "Content-Type"};
    return std::none_of(std::begin(k_hop), std::end(k_hop),
                        [&](std::string_view hop) { return iequals(hop, name); });
}

}  // namespace

std::string ForwardTarget::text() const {
    std::string bracketed = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return "http://" + bracketed + ":" + std::to_string(port) + path;
}

std::optional<ForwardTarget> parse_forward_url(std::string_view url) {
    constexpr std::string_view k_scheme = "http://";
    if (url.size() <= k_scheme.size() || !iequals(url.substr(0, k_scheme.size()), k_scheme))
        return std::nullopt;
    url.remove_prefix(k_scheme.size());
    ForwardTarget target;
    std::size_t slash = url.find('/');
    std::string_view authority = url.substr(0, slash);
    if (slash != std::string_view::npos) target.path = std::string(url.substr(slash));
    std::size_t colon = authority.rfind(':');
    std::size_t bracket = authority.rfind(']');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
        std::string_view port = authority.substr(colon + 1);
        if (port.empty() || port.size() > 5 ||
            !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        target.port = std::stoi(std::string(port));
        if (target.port < 1 || target.port > 65535) return std::nullopt;
        authority = authority.substr(0, colon);
    }
    if (authority.size() > 2 && authority.front() == '[' && authority.back() == ']')
        authority = authority.substr(1, authority.size() - 2);
    if (authority.empty() || authority.find_first_of("@/?# ") != std::string_view::npos)
        return std::nullopt;
    target.host = std::string(authority);
    return target;
}

ForwardResult forward(const ForwardTarget& target, const Request& request,
                      std::chrono::milliseconds timeout, std::size_t max_answer) {
    auto started = std::chrono::steady_clock::now();
    httplib::Client client(target.host, target.port);
    client.set_connection_timeout(std::chrono::duration_cast<std::chrono::seconds>(timeout).count(),
                                  0);
    client.set_read_timeout(timeout);
    client.set_write_timeout(timeout);
    client.set_keep_alive(false);

    httplib::Request out;
    out.method = "POST";
    out.path = target.path;
    std::string content_type = "application/json";
    for (const Header& header : request.headers) {
        if (iequals(header.first, "Content-Type")) content_type = header.second;
        if (is_relayed(header.first)) out.headers.emplace(header.first, header.second);
    }
    out.headers.emplace("Content-Type", content_type);
    out.headers.emplace("X-Forwarded-For", request.remote.substr(0, request.remote.rfind(':')));
    out.body = request.received_body();  // with its Content-Encoding, as the sender sent it

    ForwardResult result;
    bool too_large = false;
    out.content_receiver = [&](const char* data, size_t size, uint64_t, uint64_t) {
        if (result.body.size() + size > max_answer) return !(too_large = true);
        result.body.append(data, size);
        return true;
    };
    httplib::Response response;
    httplib::Error error = httplib::Error::Success;
    bool sent = client.send(out, response, error);
    result.latency = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    if (!sent) {
        result.error = too_large ? "its answer is larger than " + std::to_string(max_answer) + " bytes"
                                 : httplib::to_string(error);
        return result;
    }
    result.answered = true;
    result.status = response.status;
    result.content_type = response.get_header_value("Content-Type");
    return result;
}

}  // namespace flowhook::http
