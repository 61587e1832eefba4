#include "http/forward.hpp"

#include "http/client.hpp"
#include "http/transport.hpp"
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

std::string ForwardTarget::text() const { return url.origin() + url.target; }

std::optional<ForwardTarget> parse_forward_url(std::string_view text, std::string& why,
                                               const std::string& cacert, bool insecure) {
    std::optional<Url> url = parse_url(text, why);
    if (!url) return std::nullopt;
    ForwardTarget target{*url, nullptr};
    if (url->https()) target.tls = std::make_shared<TlsContext>(cacert, insecure);
    return target;
}

ForwardResult forward(const ForwardTarget& target, const Request& request,
                      std::chrono::milliseconds timeout, std::size_t max_answer) {
    ClientOptions options;
    options.url = target.url;
    options.timeout = timeout;
    options.tls = target.tls;
    options.keep_alive = false;
    options.keep_body = max_answer;
    options.max_body = max_answer;
    Client client(options);

    Headers headers;
    std::string content_type = "application/json";
    for (const Header& header : request.headers) {
        if (iequals(header.first, "Content-Type")) content_type = header.second;
        if (is_relayed(header.first)) headers.emplace_back(header.first, header.second);
    }
    headers.emplace_back("Content-Type", content_type);
    headers.emplace_back("X-Forwarded-For", request.remote.substr(0, request.remote.rfind(':')));
    headers.emplace_back("Connection", "close");  // one connection per delivery

    Attempt attempt = client.post(headers, request.received_body());  // as the sender sent it
    ForwardResult result;
    result.latency = std::chrono::duration_cast<std::chrono::milliseconds>(attempt.latency);
    if (attempt.failure) {
        result.error = attempt.failure->detail;
        return result;
    }
    result.answered = true;
    result.status = attempt.answer->status;
    result.body = std::move(attempt.answer->body_start);
    result.content_type = std::move(attempt.answer->content_type);
    return result;
}

}  // namespace flowhook::http
