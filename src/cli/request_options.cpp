#include "cli/request_options.hpp"

#include <cstdio>

#include "http/transport.hpp"
#include "util/error.hpp"

namespace flowhook::cli {
namespace {

bool readable(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file) std::fclose(file);
    return file != nullptr;
}

}  // namespace

void add_request_options(CLI::App& sub, RequestOptions& o) {
    sub.option_defaults()->group("Request");  // the heading of the options added below
    sub.add_option("--basic", o.basic, "HTTP Basic credentials USER:PASS")
        ->envname("FLOWHOOK_BASIC")
        ->type_name("USER:PASS");
    sub.add_option("--bearer", o.bearer, "Bearer token")
        ->envname("FLOWHOOK_BEARER")
        ->type_name("TOKEN");
    one_value_each(
        sub.add_option("-H,--header", o.headers, "Extra header 'Key: Value' (repeatable)")
            ->type_name("'KEY: VALUE'"));
    sub.add_option("--cacert", o.cacert, "Trust the CA certificates of this PEM file (https)")
        ->type_name("FILE");
    sub.add_flag("-k,--insecure", o.insecure,
                 "Skip TLS certificate verification (a warning says so)");
}

Conflict insecure_and_cacert(CLI::App& sub) {
    return {sub.get_option("--insecure"), sub.get_option("--cacert"),
            "--insecure skips the certificate check that --cacert sets up"};
}

CLI::Option* one_value_each(CLI::Option* option) { return option->allow_extra_args(false); }

util::Duration duration_value(const std::string& name, const std::string& text) {
    auto duration = util::parse_duration(text);
    if (!duration) throw Error(name + ": \"" + text + "\" is not a duration (e.g. 500ms, 10s, 2m)");
    return *duration;
}

http::ClientOptions client_options(const RequestOptions& options, const http::Url& url,
                                   const std::string& timeout) {
    http::ClientOptions client;
    client.url = url;
    client.timeout = duration_value("--timeout", timeout);
    if (client.timeout.count() <= 0) throw Error("--timeout must be more than 0");
    client.cacert = options.cacert;
    client.insecure = options.insecure;
    if (!options.cacert.empty() && !url.https()) throw Error("--cacert is for https:// URLs");
    if (!options.cacert.empty() && !readable(options.cacert))
        throw Error("cannot read --cacert file " + options.cacert);
    // The CAs are loaded and checked once, before the first attempt: a file without a
    // certificate is a usage error, not minutes of failing retries.
    if (url.https()) client.tls = std::make_shared<http::TlsContext>(options.cacert, options.insecure);
    return client;
}

}  // namespace flowhook::cli
