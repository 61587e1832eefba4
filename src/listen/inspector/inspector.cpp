#include "listen/inspector/inspector.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include <rapidjson/document.h>

#include "delivery/request.hpp"
#include "delivery/retry.hpp"
#include "http/client.hpp"
#include "http/url.hpp"
#include "http/worker_pool.hpp"
#include "listen/inspector/assets.hpp"
#include "listen/inspector/guard.hpp"
#include "output/json_writer.hpp"
#include "schema/validator.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace flowhook::listen::inspector {
namespace {

constexpr std::string_view k_prefix = "/_flowhook";
// Cookies ignore the port: each listener's cookie carries its port in its name, so that two
// inspectors on one host do not overwrite each other's token.
std::string cookie_name(int port) { return "flowhook_token_" + std::to_string(port); }
constexpr std::string_view k_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'";
constexpr std::size_t k_default_limit = 1000;
constexpr int k_max_replays = 4;     // at once; each may wait up to the timeout per attempt
constexpr int k_max_replay_retries = 10;
constexpr std::chrono::milliseconds k_replay_timeout{10000};  // the platform's

const std::string* find_header(const std::vector<http::Header>& headers, std::string_view name) {
    for (const http::Header& header : headers)
        if (util::iequals(header.first, name)) return &header.second;
    return nullptr;
}

// Every answer under /_flowhook/: the page's policy, no sniffing, no caching, no CORS.
void secure(http::Answer& answer) {
    answer.headers.emplace_back("Content-Security-Policy", std::string(k_csp));
    answer.headers.emplace_back("X-Content-Type-Options", "nosniff");
    answer.headers.emplace_back("Cache-Control", "no-store");
    answer.headers.emplace_back("Referrer-Policy", "no-referrer");
    answer.headers.emplace_back("X-Frame-Options", "DENY");
}

http::Answer json(int status, std::string body) {
    http::Answer answer;
    answer.status = status;
    answer.content_type = "application/json; charset=utf-8";
    answer.body = std::move(body);
    return answer;
}

http::Answer error(int status, std::string_view message) {
    std::string body;
    output::StringSink sink{&body};
    output::JsonWriter w(sink);
    w.StartObject();
    output::write_key(w, "error");
    output::write_string(w, util::is_valid_utf8(message) ? std::string(message) : util::to_valid_utf8(message));
    w.EndObject();
    body += '\n';
    return json(status, std::move(body));
}

http::Answer redirect(std::string location) {
    http::Answer answer;
    answer.status = 303;
    answer.headers.emplace_back("Location", std::move(location));
    answer.content_type.clear();
    return answer;
}

http::Answer not_allowed(std::string_view allow) {
    http::Answer answer = error(405, "use " + std::string(allow));
    answer.headers.emplace_back("Allow", std::string(allow));
    return answer;
}

std::string random_token() {
    std::random_device device;
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string token;
    for (int i = 0; i < 8; ++i) {
        unsigned word = device();
        for (int j = 0; j < 4; ++j) {
            token += k_hex[word & 0xf];
            token += k_hex[(word >> 4) & 0xf];
            word >>= 8;
        }
    }
    return token;
}

std::optional<std::uint64_t> number(std::string_view text) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

// A POST's JSON body as an object; an empty body is an empty object.
bool parse_object(const std::string& body, rapidjson::Document& document, std::string& why) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        document.SetObject();
        return true;
    }
    document.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
    if (document.HasParseError() || !document.IsObject()) {
        why = "the request body is not a JSON object";
        return false;
    }
    return true;
}

std::optional<std::string> string_member(const rapidjson::Value& object, const char* name, bool& wrong) {
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsString()) {
        wrong = true;
        return std::nullopt;
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string_view outcome_name(delivery::Outcome outcome) {
    switch (outcome) {
        case delivery::Outcome::delivered: return "delivered";
        case delivery::Outcome::failed: return "failed";
        case delivery::Outcome::gave_up: return "gave_up";
        case delivery::Outcome::invalid: return "invalid";
        case delivery::Outcome::interrupted: return "interrupted";
    }
    return "failed";
}

}  // namespace

Inspector::Inspector(InspectorOptions options)
    : m_options(std::move(options)), m_token(random_token()), m_loopback(is_loopback(m_options.host)),
      m_store(m_options.keep, &m_streams, random_token().substr(0, 8)) {
    if (!m_options.record.empty()) m_store.seed(m_options.record);
}

Inspector::~Inspector() { stop(); }

std::string Inspector::start(int port) {
    m_port = port;
    std::string host = m_options.host.find(':') != std::string::npos ? "[" + m_options.host + "]" : m_options.host;
    return "http://" + host + ":" + std::to_string(port) + "/_flowhook/?token=" + m_token;
}

void Inspector::stop() {
    m_stopping = true;
    m_streams.stop();
}

http::Answer Inspector::handle(http::Request& request) {
    std::string_view target = request.target;
    std::size_t question = target.find('?');
    std::string_view path = target.substr(0, question);
    std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    http::Answer answer;
    // DNS rebinding: a page on another site whose name now points here sends its own name.
    const std::string* host = find_header(request.headers, "Host");
    if (!host || !host_allowed(*host, m_options.host)) {
        answer = error(403, host ? "the Host header does not name this listener (DNS rebinding?)"
                                 : "no Host header");
    } else {
        answer = route(request, path, query);
    }
    secure(answer);
    return answer;
}

http::Answer Inspector::route(http::Request& request, std::string_view path, std::string_view query) {
    std::optional<std::string_view> cookie;
    for (const http::Header& header : request.headers)
        if (util::iequals(header.first, "Cookie"))
            if (auto value = cookie_value(header.second, cookie_name(m_port))) cookie = value;
    std::optional<std::string_view> query_token = query_value(query, "token");
    bool cookie_ok = cookie && same_secret(*cookie, m_token);
    bool token_ok = cookie_ok || (query_token && same_secret(*query_token, m_token));
    if (!m_loopback && !token_ok) return error(401, "this listener's inspector needs its token (see its start-up line)");

    const std::string& method = request.method;
    bool get = method == "GET" || method == "HEAD";
    std::string_view rest = path.substr(k_prefix.size());
    if (rest.empty()) return get ? redirect("/_flowhook/") : not_allowed("GET");
    if (rest == "/") {
        if (!get) return not_allowed("GET");
        if (query_token) {
            if (!same_secret(*query_token, m_token)) return error(401, "wrong token");
            http::Answer answer = redirect("/_flowhook/");
            answer.headers.emplace_back("Set-Cookie", cookie_name(m_port) + "=" + m_token +
                                                          "; Path=/_flowhook; HttpOnly; SameSite=Strict");
            return answer;
        }
        rest = "/assets/index.html";
    }
    if (rest.substr(0, 8) == "/assets/") {
        if (!get) return not_allowed("GET");
        const Asset* asset = find_asset(rest.substr(8));
        if (!asset) return error(404, "no such asset");
        http::Answer answer;
        answer.content_type = std::string(content_type_of(asset->name));
        answer.body.assign(asset->bytes);
        return answer;
    }
    if (rest == "/events") {
        if (!get) return not_allowed("GET");
        if (method == "HEAD") {  // a head alone: no stream to hand over
            http::Answer answer;
            answer.content_type = "text/event-stream; charset=utf-8";
            return answer;
        }
        return stream(request, query);
    }
    if (rest.substr(0, 5) != "/api/") return error(404, "nothing here");
    std::string_view api = rest.substr(5);
    bool change = api == "validate" || api == "respond" ||
                  (api.substr(0, 11) == "deliveries/" && api.size() > 18 && api.substr(api.size() - 7) == "/replay");
    if (change) {
        if (method != "POST") return not_allowed("POST");
        const std::string* origin = find_header(request.headers, "Origin");
        const std::string* host = find_header(request.headers, "Host");
        if (!origin) return error(403, "a change needs the page's Origin header");
        if (!origin_matches(*origin, *host)) return error(403, "the Origin is not this page's");
        if (!cookie_ok) return error(401, "a change needs the inspector's token cookie");
        if (api == "validate") return validate(request.body);
        if (api == "respond") return respond(request.body);
        auto id = number(api.substr(11, api.size() - 18));
        if (!id) return error(404, "no such delivery");
        return replay(*id, request.body);
    }
    if (api == "info") return get ? info(request) : not_allowed("GET");
    if (api == "deliveries") return get ? deliveries(query) : not_allowed("GET");
    if (api.substr(0, 11) == "deliveries/") {
        if (!get) return not_allowed("GET");
        auto id = number(api.substr(11));
        std::optional<std::string> one = id ? m_store.one(*id) : std::nullopt;
        if (!one) return error(404, "no such delivery kept");
        return json(200, std::move(*one));
    }
    return error(404, "no such API");
}

http::Answer Inspector::info(const http::Request& request) const {
    const std::string* host = find_header(request.headers, "Host");
    std::string text;
    output::StringSink sink{&text};
    output::JsonWriter w(sink);
    w.StartObject();
    output::write_key(w, "version");
    output::write_string(w, FLOWHOOK_VERSION);
    output::write_key(w, "listen_url");
    output::write_string(w, "http://" + (host ? *host : m_options.host + ":" + std::to_string(m_port)));
    output::write_key(w, "path");
    if (m_options.path) output::write_string(w, *m_options.path); else w.Null();
    output::write_key(w, "forward_to");
    if (m_options.forward_to) output::write_string(w, *m_options.forward_to); else w.Null();
    output::write_key(w, "respond");
    std::string script = m_options.respond ? m_options.respond() : std::string();
    if (!script.empty() && !m_options.forward_to) output::write_string(w, script); else w.Null();
    output::write_key(w, "keep");
    w.Uint64(m_options.keep.count);
    output::write_key(w, "keep_bytes");
    w.Uint64(m_options.keep.bytes);
    output::write_key(w, "timeout_ms");
    w.Int64(k_replay_timeout.count());
    output::write_key(w, "retries");
    w.Int(k_max_replay_retries);
    output::write_key(w, "token_required");
    w.Bool(!m_loopback);
    w.EndObject();
    text += '\n';
    return json(200, std::move(text));
}

http::Answer Inspector::deliveries(std::string_view query) const {
    std::optional<std::uint64_t> after;
    std::size_t limit = k_default_limit;
    if (auto text = query_value(query, "after")) {
        after = number(*text);
        if (!after) return error(400, "after: not a delivery id");
    }
    if (auto text = query_value(query, "limit")) {
        auto n = number(*text);
        if (!n || *n == 0) return error(400, "limit: not a positive number");
        limit = static_cast<std::size_t>(std::min<std::uint64_t>(*n, 1000000));
    }
    return json(200, m_store.list(after, limit));
}

http::Answer Inspector::stream(const http::Request& request, std::string_view query) {
    // The id EventSource resumes from, or the one the page names when it opens a stream anew.
    std::optional<std::string_view> seen = query_value(query, "last");
    if (const std::string* header = find_header(request.headers, "Last-Event-ID")) seen = *header;
    std::optional<std::uint64_t> last;
    // One that is not ours (malformed, or from another run) gets a reset, not a guess.
    if (seen) last = last_event_id(*seen, m_store.run()).value_or(UINT64_MAX);
    if (!m_streams.reserve()) return error(503, "too many event streams open (at most 16); close a tab");
    http::Answer answer;
    answer.content_type = "text/event-stream; charset=utf-8";
    answer.headers.emplace_back("X-Accel-Buffering", "no");
    answer.adopt = [this, last](int fd) { m_store.attach(fd, last); };
    return answer;
}

http::Answer Inspector::replay(std::uint64_t id, const std::string& body) {
    rapidjson::Document document;
    std::string why;
    if (!parse_object(body, document, why)) return error(400, why);
    // Read through a const view: C++20 finds comparing RapidJSON's mutable member iterators
    // ambiguous (clang's -Wambiguous-reversed-operator).
    const rapidjson::Value& fields = document;
    bool wrong = false;
    std::optional<std::string> url_text = string_member(fields, "url", wrong);
    std::optional<std::string> edited = string_member(fields, "body", wrong);
    if (wrong) return error(400, "\"url\" and \"body\" must be strings");
    int retries = 0;
    if (auto it = fields.FindMember("retries"); it != fields.MemberEnd()) {
        if (!it->value.IsInt() || it->value.GetInt() < 0 || it->value.GetInt() > k_max_replay_retries)
            return error(400, "\"retries\" must be a number from 0 to 10");
        retries = it->value.GetInt();
    }
    std::optional<ReplaySource> source = m_store.replay_source(id);
    if (!source) return error(404, "no such delivery kept");
    if (!url_text || url_text->empty()) url_text = m_options.forward_to;
    if (!url_text) return error(400, "no \"url\" given and no --forward-to app to replay to");
    std::optional<http::Url> url = http::parse_url(*url_text, why);
    if (!url) return error(400, "\"url\": " + why);
    if (edited) source->body = std::move(*edited);

    if (m_replays.fetch_add(1) >= k_max_replays) {
        m_replays.fetch_sub(1);
        return error(503, "4 replays are running already; try again when one is done");
    }
    struct Done {
        std::atomic<int>& count;
        ~Done() { count.fetch_sub(1); }
    } done{m_replays};
    http::ClientOptions client_options;
    client_options.url = *url;
    client_options.timeout = k_replay_timeout;
    client_options.cancel = &m_stopping;
    http::Client client(client_options);
    delivery::RetryPolicy policy;
    policy.retries = retries;
    std::mt19937_64 random(std::random_device{}());
    struct Step {
        std::optional<int> status;
        double latency_ms;
        std::optional<std::string> error;
    };
    std::vector<Step> steps;
    delivery::Hooks hooks;
    hooks.after_attempt = [&](const delivery::AttemptStep& step) {
        const http::Attempt& attempt = step.attempt;
        Step s{std::nullopt, std::chrono::duration<double, std::milli>(attempt.latency).count(), std::nullopt};
        if (attempt.answer) s.status = attempt.answer->status;
        if (attempt.failure) s.error = attempt.failure->detail.empty() ? std::string(http::failure_name(attempt.failure->kind)) : attempt.failure->detail;
        steps.push_back(std::move(s));
    };
    http::Headers headers = delivery::delivery_headers(delivery::request_headers({}, {}), source->headers);
    http::WorkerPool::Blocking waiting_for_the_receiver;
    delivery::Result result = delivery::deliver(client, headers, source->body, policy, random, m_stopping, hooks);

    std::string text;
    output::StringSink sink{&text};
    output::JsonWriter w(sink);
    w.StartObject();
    output::write_key(w, "outcome");
    output::write_string(w, outcome_name(result.outcome));
    output::write_key(w, "url");
    output::write_string(w, *url_text);
    output::write_key(w, "attempts");
    w.StartArray();
    for (const Step& s : steps) {
        w.StartObject();
        output::write_key(w, "status");
        if (s.status) w.Int(*s.status); else w.Null();
        output::write_key(w, "latency_ms");
        w.Double(s.latency_ms);
        output::write_key(w, "error");
        if (s.error) output::write_string(w, *s.error); else w.Null();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    text += '\n';
    return json(result.outcome == delivery::Outcome::delivered ? 200 : 502, std::move(text));
}

http::Answer Inspector::validate(const std::string& body) const {
    rapidjson::Document request;
    std::string why;
    if (!parse_object(body, request, why)) return error(400, why);
    bool wrong = false;
    std::optional<std::string> payload = string_member(request, "body", wrong);
    if (wrong || !payload) return error(400, "\"body\" must be the payload as a string");
    schema::ValidationResult result;
    rapidjson::Document document;
    constexpr unsigned k_flags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
    document.Parse<k_flags>(payload->data(), payload->size());
    if (document.HasParseError()) {
        result.findings.push_back({schema::Severity::error, schema::Code::invalid_json, "",
                                   schema::describe_parse_error(document.GetParseError()),
                                   document.GetErrorOffset()});
    } else {
        schema::validate(document, {}, schema::ValidateOptions{}, result);
    }
    std::string text;
    output::StringSink sink{&text};
    output::JsonWriter w(sink);
    w.StartObject();
    output::write_key(w, "valid");
    w.Bool(result.valid());
    output::write_key(w, "action");
    if (result.action) output::write_string(w, result.action->spec->name); else w.Null();
    output::write_key(w, "spelling");
    if (result.action) output::write_string(w, result.action->spelling); else w.Null();
    output::write_key(w, "findings");
    w.StartArray();
    for (const schema::Finding& finding : result.findings) {
        w.StartObject();
        output::write_finding_members(w, finding);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    text += '\n';
    return json(200, std::move(text));
}

http::Answer Inspector::respond(const std::string& body) {
    rapidjson::Document request;
    std::string why;
    if (!parse_object(body, request, why)) return error(400, why);
    bool wrong = false;
    std::optional<std::string> script = string_member(request, "script", wrong);
    if (wrong || !script) return error(400, "\"script\" must be a --respond script as a string, e.g. \"503,200\"");
    if (m_options.forward_to) return error(400, "with --forward-to your app decides the answers");
    if (!m_options.set_respond) return error(400, "the answers cannot be changed here");
    std::string now;
    try {
        now = m_options.set_respond(*script);
    } catch (const Error& e) {
        return error(400, e.what());
    }
    std::string text;
    output::StringSink sink{&text};
    output::JsonWriter w(sink);
    w.StartObject();
    output::write_key(w, "respond");
    if (now.empty()) w.Null(); else output::write_string(w, now);
    w.EndObject();
    text += '\n';
    return json(200, std::move(text));
}

const Asset* find_asset(std::string_view name) {
    for (const Asset& asset : assets())
        if (asset.name == name) return &asset;
    return nullptr;
}

std::string_view content_type_of(std::string_view name) {
    auto ends = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".json")) return "application/json; charset=utf-8";
    if (ends(".png")) return "image/png";
    if (ends(".ico")) return "image/x-icon";
    if (ends(".txt")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

}  // namespace flowhook::listen::inspector
