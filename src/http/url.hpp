#pragma once
// Receiver URLs: http:// and https:// only, with host, optional port, path and query.

#include <optional>
#include <string>
#include <string_view>

namespace flowhook::http {

struct Url {
    std::string scheme;  // "http" or "https"
    std::string host;    // without brackets for IPv6 literals
    int port = 0;        // the scheme's default when the URL names none
    std::string target;  // path and query, "/" at least

    bool https() const { return scheme == "https"; }
    // "http://host:port", as the transport connects to it (brackets around IPv6 hosts).
    std::string origin() const;
    // The Host header value: host, and the port unless it is the scheme's default.
    std::string host_header() const;
};

// Parses `text`; nullopt with `why` set when it is not an http(s) URL flowhook can send to
// (another scheme, no host, a bad port, credentials in the URL, spaces or control characters).
std::optional<Url> parse_url(std::string_view text, std::string& why);

}  // namespace flowhook::http
