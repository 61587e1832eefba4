#pragma once
// The request options of every subcommand that delivers to a receiver (send, check): the
// credentials, extra headers and TLS trust, their --help lines, and their checks.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/option_values.hpp"
#include "http/client.hpp"
#include "util/units.hpp"

namespace flowhook::cli {

struct RequestOptions {
    std::string basic;  // USER:PASS
    std::string bearer;
    std::vector<std::string> headers;  // "Key: Value"
    std::string cacert;
    bool insecure = false;
};

// Adds --basic, --bearer (also FLOWHOOK_BASIC, FLOWHOOK_BEARER), -H/--header, --cacert and
// -k/--insecure to `sub`, under the heading "Request".
void add_request_options(CLI::App& sub, RequestOptions& options);

// --insecure with --cacert: one undoes the other.
Conflict insecure_and_cacert(CLI::App& sub);

// A repeatable option takes one value per occurrence: CLI11 lets a vector option take every
// value that follows, so `-H 'K: V' URL order.json` would swallow the URL and the files.
CLI::Option* one_value_each(CLI::Option* option);

// The value of a duration option; throws flowhook::Error naming `name` when it is not one.
util::Duration duration_value(const std::string& name, const std::string& text);

// The transport for `url`: --timeout `timeout` (more than 0), the TLS trust of `options`.
// Throws flowhook::Error when --cacert is given for http:// or cannot be read.
http::ClientOptions client_options(const RequestOptions& options, const http::Url& url,
                                   const std::string& timeout);

}  // namespace flowhook::cli
