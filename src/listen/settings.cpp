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

Settings check_options(const ListenOptions& options) {
    Settings settings;
    settings.server = server_options(options);
    settings.print = {options.format == "ndjson", util::use_colour(stdout), !options.no_body, options.headers,
                      std::nullopt};
    if (util::is_terminal(stdout)) settings.print.width = util::terminal_width(stdout);
    settings.plan = ResponsePlan::from_options(options.respond, options.fail_first, options.status);
    settings.credentials = CredentialCheck::from_options(options.basic, options.bearer);
    if (!options.forward_to.empty()) {
        settings.forward = http::parse_forward_url(options.forward_to);
        if (!settings.forward)
            throw Error("--forward-to: \"" + options.forward_to + "\" is not an http://HOST[:PORT][/PATH] URL");
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
    return settings;
}

}  // namespace flowhook::listen
