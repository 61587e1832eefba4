#include "delivery/request.hpp"

#include <algorithm>
#include <cctype>

#include "util/error.hpp"
#include "output/delivery_record.hpp"
#include "util/base64.hpp"
#include "util/text.hpp"

namespace flowhook::delivery {
namespace {

bool is_token_char(unsigned char c) {
    return std::isalnum(c) ||
           std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// CR or LF would let a value start a header (or a body) of its own.
bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && u != '\t') || u == 0x7f;
    });
}

void check_value(std::string_view what, std::string_view value) {
    if (has_control_character(value))
        throw Error(std::string(what) +
                    ": CR, LF or another control character in a header value "
                    "(header injection is refused)");
}

// Appends `top` to `base`, dropping first every header of `base` that `top` names.
void overlay(http::Headers& base, const http::Headers& top) {
    std::erase_if(base, [&](const http::Header& header) {
        return std::any_of(top.begin(), top.end(),
                           [&](const http::Header& t) { return util::iequals(t.first, header.first); });
    });
    base.insert(base.end(), top.begin(), top.end());
}

http::Headers credential_headers(const Credentials& credentials) {
    if (!credentials.basic.empty() && !credentials.bearer.empty())
        throw Error("--basic and --bearer together: the platform sends one or the other");
    if (!credentials.bearer.empty()) {
        check_value("--bearer", credentials.bearer);
        return {{"Authorization", "Bearer " + credentials.bearer}};
    }
    if (!credentials.basic.empty()) {
        if (credentials.basic.find(':') == std::string::npos)
            throw Error("--basic: expected USER:PASS");
        check_value("--basic", credentials.basic);
        return {{"Authorization", "Basic " + util::base64_encode(credentials.basic)}};
    }
    return {};
}

}  // namespace

http::Header parse_header(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos)
        throw Error("-H: expected 'Key: Value', got \"" + std::string(text) + "\"");
    std::string_view name = text.substr(0, colon);
    std::string_view value = text.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    if (has_control_character(name) || has_control_character(value))
        throw Error(
            "-H: CR, LF or another control character in a header (header injection is refused)");
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
            return is_token_char(static_cast<unsigned char>(c));
        }))
        throw Error("-H: \"" + std::string(name) + "\" is not a valid header name");
    for (std::string_view reserved : {"Host", "Content-Length", "Transfer-Encoding", "Connection"})
        if (util::iequals(name, reserved))
            throw Error("-H: " + std::string(reserved) + " is set by flowhook send itself");
    return {std::string(name), std::string(value)};
}

HeaderLayers request_headers(const Credentials& credentials,
                             const std::vector<std::string>& custom) {
    HeaderLayers layers;
    layers.defaults = {{"Content-Type", "application/json"},
                       {"User-Agent", "flowhook/" FLOWHOOK_VERSION}};
    layers.user = credential_headers(credentials);
    http::Headers given;
    for (const std::string& text : custom) given.push_back(parse_header(text));
    overlay(layers.user, given);
    return layers;
}

http::Headers delivery_headers(const HeaderLayers& layers, const http::Headers& recorded) {
    http::Headers headers = layers.defaults;
    overlay(headers, recorded);
    overlay(headers, layers.user);
    return headers;
}

std::string render_request(const http::Url& url, const http::Headers& headers,
                           const std::string& body) {
    // The client (http/client.cpp) sends headers ordered by name (case-insensitively) and adds
    // Host, Accept and Content-Length unless given: show exactly that.
    http::Headers wire = headers;
    auto add_unless_given = [&](const char* name, std::string value) {
        if (std::none_of(wire.begin(), wire.end(),
                         [&](const http::Header& h) { return util::iequals(h.first, name); }))
            wire.emplace_back(name, std::move(value));
    };
    add_unless_given("Host", url.host_header());
    add_unless_given("Accept", "*/*");
    add_unless_given("Content-Length", std::to_string(body.size()));
    std::stable_sort(wire.begin(), wire.end(), [](const http::Header& a, const http::Header& b) {
        return std::lexicographical_compare(a.first.begin(), a.first.end(), b.first.begin(),
                                            b.first.end(), [](char x, char y) {
                                                return std::tolower(static_cast<unsigned char>(x)) <
                                                       std::tolower(static_cast<unsigned char>(y));
                                            });
    });
    std::string text = "POST " + url.target + " HTTP/1.1\n";
    for (const auto& [name, value] : wire)
        text += name + ": " + output::masked_header_value(name, value) + "\n";
    return text + "\n" + body;
}

}  // namespace flowhook::delivery

namespace flowhook::delivery {

bool replayable_header(std::string_view name, std::string_view value) {
    static constexpr std::string_view k_transport[] = {
        "host", "content-length", "connection", "transfer-encoding", "keep-alive", "expect"};
    bool transport = std::any_of(std::begin(k_transport), std::end(k_transport),
                                 [&](std::string_view known) { return util::iequals(known, name); });
    return !transport && value.find("***") == std::string_view::npos;
}

}  // namespace flowhook::delivery
