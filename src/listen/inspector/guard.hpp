#pragma once
// The inspector's guards, as pure functions of header values: which Host a page request may
// name (DNS rebinding), whether an Origin is the page's own, the token in a Cookie, and the
// Last-Event-ID a stream resumes after. Every function takes any bytes a client sends.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowhook::listen::inspector {

// The host of a Host header value ("localhost:8787", "[::1]", "127.0.0.1"), lower-cased,
// without brackets or port; nullopt when it is malformed (empty, a bad port, stray bytes).
std::optional<std::string> host_of(std::string_view host_header);

// localhost, *.localhost, 127.x.y.z, ::1 (a host as host_of returns it, or as --host gives it).
bool is_loopback(std::string_view host);

// Whether a /_flowhook/ request naming `host_header` is served: a loopback name or address,
// or the address the listener is bound to (`bound`, as --host gives it).
bool host_allowed(std::string_view host_header, std::string_view bound);

// Whether `origin` is the page's own: "http://" + the request's Host, the host compared
// without case. "null", other schemes and paths are not.
bool origin_matches(std::string_view origin, std::string_view host_header);

// The value of cookie `name` in a Cookie header ("a=1; flowhook_token=abc"), or nullopt.
std::optional<std::string_view> cookie_value(std::string_view cookie_header, std::string_view name);

// The value of `name` in a query string ("token=abc&x=1"; no decoding), or nullopt.
std::optional<std::string_view> query_value(std::string_view query, std::string_view name);

// The sequence number of an event id this run gave ("RUN-SEQ": this run's id, a dash, decimal
// digits only, at most 2^63-1); nullopt for any other (another run's, or malformed).
std::optional<std::uint64_t> last_event_id(std::string_view value, std::string_view run);

// Compares in time that depends only on the lengths.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace flowhook::listen::inspector
