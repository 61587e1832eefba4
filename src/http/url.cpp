#include "http/url.hpp"

#include <charconv>
#include <system_error>
#include <utility>

namespace flowhook::http {
namespace {

// Sets `why` and returns false, so a check reads as one line.
bool refuse(std::string& why, std::string message) {
    why = std::move(message);
    return false;
}

bool has_forbidden_character(std::string_view text) {
    for (unsigned char c : text)
        if (c <= 0x20 || c == 0x7f) return true;
    return false;
}

// Splits "host:port" or "[v6]:port" into `url`; false with `why` set on anything else.
bool parse_authority(std::string_view authority, Url& url, std::string& why) {
    std::string_view port_text;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return refuse(why, "unclosed [ in the host");
        url.host = authority.substr(1, close - 1);
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) return refuse(why, "junk after the host");
        if (!rest.empty()) port_text = rest.substr(1);
    } else {
        auto colon = authority.rfind(':');
        url.host = authority.substr(0, colon);
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
        if (url.host.find(':') != std::string::npos)
            return refuse(why, "an IPv6 host must be written in brackets");
    }
    if (url.host.empty()) return refuse(why, "no host");
    bool port_given = authority.size() > url.host.size() + (authority.starts_with('[') ? 2 : 0);
    if (port_text.empty()) return port_given ? refuse(why, "empty port") : true;
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port < 1 || port > 65535)
        return refuse(why, "bad port \"" + std::string(port_text) + "\"");
    url.port = port;
    return true;
}

}  // namespace

std::string Url::origin() const {
    bool v6 = host.find(':') != std::string::npos;
    return scheme + "://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::host_header() const {
    bool v6 = host.find(':') != std::string::npos;
    std::string name = v6 ? "[" + host + "]" : host;
    bool default_port = (https() && port == 443) || (!https() && port == 80);
    return default_port ? name : name + ":" + std::to_string(port);
}

std::optional<Url> parse_url(std::string_view text, std::string& why) {
    auto invalid = [&why](std::string message) -> std::optional<Url> {
        refuse(why, std::move(message));
        return std::nullopt;
    };
    Url url;
    auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) {
        // "localhost:8787/hooks": most likely the scheme was left out.
        Url guess;
        std::string ignored;
        std::string_view authority = text.substr(0, text.find_first_of("/?#"));
        if (!has_forbidden_character(text) && parse_authority(authority, guess, ignored))
            return invalid("no scheme: did you mean http://" + std::string(text) + " ?");
        return invalid("not a URL (expected http://HOST/...)");
    }
    url.scheme = text.substr(0, scheme_end);
    for (char& c : url.scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (url.scheme != "http" && url.scheme != "https")
        return invalid("unsupported scheme \"" + url.scheme + "\" (http or https)");
    if (has_forbidden_character(text)) return invalid("spaces or control characters in the URL");
    std::string_view rest = text.substr(scheme_end + 3);
    auto target_start = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, target_start);
    if (authority.find('@') != std::string_view::npos)
        return invalid("credentials in the URL; give them with --basic or --bearer");
    url.port = url.https() ? 443 : 80;
    if (!parse_authority(authority, url, why)) return std::nullopt;
    std::string_view target =
        target_start == std::string_view::npos ? "" : rest.substr(target_start);
    target = target.substr(0, target.find('#'));  // a fragment never goes on the wire
    url.target =
        target.empty() || target.front() != '/' ? "/" + std::string(target) : std::string(target);
    return url;
}

}  // namespace flowhook::http
