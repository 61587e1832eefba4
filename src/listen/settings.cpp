#include "listen/settings.hpp"

#include "util/error.hpp"
#include "schema/catalog.hpp"
#include "util/terminal.hpp"
#include "util/units.hpp"

namespace flowhook::listen {
namespace {

using std::chrono::milliseconds;

milliseconds duration_option(const std::string& name, const std::string& text) {
    auto duration = util::parse_duration(text);
    if (!duration) throw Error(name + ": \"" + text + "\" is not a duration (e.g. 500ms, 11s, 2m)");
    return *duration;
}

std::set<std::string_view> event_names(const std::vector<std::string>& events) {
    std::set<std::string_view> names;
    for (const std::string& event : events) {
        auto match = schema::find_action(event);
        if (!match) {
            std::string message = "--events: unknown action \"" + event + "\"";
            if (auto suggestion = schema::suggest_action(event); !suggestion.empty())
                message += "; did you mean \"" + std::string(suggestion) + "\"?";
            throw Error(message);
        }
        names.insert(match->spec->name);
    }
    return names;
}

http::ServerOptions server_options(const ListenOptions& options) {
    http::ServerOptions server;
    server.host = options.host;
    server.port = options.port;
    if (!options.path.empty()) {
        if (options.path.front() != '/') throw Error("--path: must start with /");
        server.path = options.path;
    }
    auto max_body = util::parse_size(options.max_body);
    if (!max_body || *max_body == 0 || *max_body > (std::uint64_t{1} << 30))
        throw Error("--max-body: \"" + options.max_body + "\" is not a size between 1B and 1GiB");
    server.limits.max_body = static_cast<std::size_t>(*max_body);
    server.read_timeout = duration_option("--read-timeout", options.read_timeout);
    if (server.read_timeout < milliseconds(100)) throw Error("--read-timeout: at least 100ms");
    return server;
}

}  // namespace

bool is_loopback(std::string_view host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

Settings check_options(const ListenOptions& options) {
    Settings settings;
    settings.server = server_options(options);
    settings.print = {options.format == "ndjson", util::use_colour(stdout), !options.no_body, options.headers,
                      std::nullopt};
    if (util::is_terminal(stdout)) settings.print.width = util::terminal_width(stdout);
    settings.plan = ResponsePlan::from_options(options.respond, options.fail_first, options.status);
    settings.credentials = CredentialCheck::from_options(options.basic, options.bearer);
    if (settings.credentials.required()) {
        // Also asked of a request that waits for "100 Continue", before its body is read.
        settings.server.authorized = [check = settings.credentials](const std::string* authorization) {
            return check.accept(authorization);
        };
        settings.server.challenge = settings.credentials.challenge();
    }
    if (!options.forward_to.empty()) {
        std::string why;
        settings.forward =
            http::parse_forward_url(options.forward_to, why, options.cacert, options.insecure);
        if (!settings.forward)
            throw Error("--forward-to: \"" + options.forward_to + "\" is not an http(s)://HOST[:PORT][/PATH] URL: " + why);
        if (!options.cacert.empty() && !settings.forward->url.https())
            throw Error("--cacert is for an https:// --forward-to app");
    }
    settings.forward_timeout = duration_option("--forward-timeout", options.forward_timeout);
    settings.delay = duration_option("--delay", options.delay);
    settings.timeout_answer = duration_option("--timeout-answer", options.timeout_answer);
    settings.events = event_names(options.events);
    settings.reject_invalid = options.reject_invalid;
    settings.exit_after = options.exit_after;
    settings.record = options.record;
    settings.fsync = options.fsync;
    settings.quiet = options.quiet;
    settings.verbose = options.verbose;
    settings.status = options.status;
    settings.ui = options.ui;
    if (options.ui_keep == 0 || options.ui_keep > 1000000)
        throw Error("--ui-keep: " + std::to_string(options.ui_keep) + " is not a number from 1 to 1000000");
    settings.ui_keep = options.ui_keep;
    auto keep_bytes = util::parse_size(options.ui_keep_bytes);
    if (!keep_bytes || *keep_bytes < 1024 || *keep_bytes > (std::uint64_t{16} << 30))
        throw Error("--ui-keep-bytes: \"" + options.ui_keep_bytes + "\" is not a size between 1KiB and 16GiB");
    settings.ui_keep_bytes = static_cast<std::size_t>(*keep_bytes);
    return settings;
}

}  // namespace flowhook::listen
