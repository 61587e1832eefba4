#pragma once
// The request flowhook send makes of a delivery: the headers, how credentials are given and
// masked, and the exact text --dry-run shows.

#include <string>
#include <string_view>
#include <vector>

#include "http/client.hpp"

namespace flowhook::delivery {

// Parses a -H 'Key: Value' argument. Throws flowhook::Error (exit 2) when it has no colon, the
// name is not an HTTP token, either part holds CR, LF or another control character (header
// injection), or it names a header the transport sets itself (Host, Content-Length, ...).
http::Header parse_header(std::string_view text);

struct Credentials {
    std::string basic;   // USER:PASS
    std::string bearer;  // a token
};

// The headers of every request, in two layers: the defaults (Content-Type, User-Agent) that a
// replayed delivery's recorded headers may replace, and the user's (Authorization from the
// credentials, then the -H headers) that replace both.
struct HeaderLayers {
    http::Headers defaults;
    http::Headers user;
};

// Throws flowhook::Error on bad credentials or -H headers.
HeaderLayers request_headers(const Credentials& credentials,
                             const std::vector<std::string>& custom);

// The headers of one delivery: defaults, then `recorded`, then the user's; a later header
// replaces every earlier one of the same name.
http::Headers delivery_headers(const HeaderLayers& layers, const http::Headers& recorded);

// Whether a recorded header may be sent again when the delivery is replayed: not one the
// transport sets itself for each request (a recorded value would be stale, as Content-Length
// and Host, or would change how the body is framed, as Transfer-Encoding), nor a credential the
// recorder masked ("Bearer ***"), which cannot be sent again.
bool replayable_header(std::string_view name, std::string_view value);

// The request as it goes on the wire (header order included; line ends shown as newlines),
// credentials masked.
std::string render_request(const http::Url& url, const http::Headers& headers,
                           const std::string& body);

}  // namespace flowhook::delivery
