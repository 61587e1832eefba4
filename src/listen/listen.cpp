#include "listen/listen.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <rapidjson/document.h>

#include "util/error.hpp"
#include "util/limits.hpp"
#include "listen/answers.hpp"
#include "listen/inspector/inspector.hpp"
#include "listen/printer.hpp"
#include "listen/record.hpp"
#include "listen/settings.hpp"
#include "cli/option_values.hpp"
#include "http/forward.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"
#include "output/delivery_record.hpp"
#include "output/json_writer.hpp"
#include "schema/catalog.hpp"
#include "schema/shallow_parse.hpp"
#include "util/signals.hpp"
#include "util/terminal.hpp"
#include "util/text.hpp"
#include "util/units.hpp"

namespace flowhook::listen {
namespace {

using std::chrono::milliseconds;

constexpr const char* k_examples = R"(Examples:
  flowhook listen                                 print deliveries to 127.0.0.1:8787
  flowhook listen --port 0 --path /hooks          a free port, POSTs to /hooks only
  flowhook listen --record deliveries.ndjson      keep every accepted delivery
  flowhook listen --format ndjson | jq .action    one JSON record per delivery
  flowhook listen --respond 500,timeout,drop,200  watch the platform retry
  flowhook listen --fail-first 2                  500, 500, then 200 for each body
  flowhook listen --bearer "$TOKEN" --reject-invalid
  flowhook listen --forward-to http://127.0.0.1:3000/webhooks
  flowhook listen --ui                            a live web inspector at /_flowhook/

Answers: 200 by default; 401 without the --basic/--bearer credentials (at once, before the
body, to a client that sends Expect: 100-continue); 400 with the findings for an invalid
payload under --reject-invalid; 503 when --record cannot be written; 413 over --max-body;
415 for a Content-Encoding other than gzip or deflate; 400 for malformed HTTP; 404 and 405
for other paths and methods.
Bodies sent with Content-Encoding gzip or deflate are decoded; --max-body bounds the decoded
size. A --host that is not loopback without --basic/--bearer is warned about on start.
Exit codes: 0 after SIGINT/SIGTERM or --exit-after, 2 usage error or a port that cannot be
bound.)";

constexpr std::size_t k_max_print_depth = 128;  // deeper bodies are shown and stored as text
constexpr std::size_t k_max_forward_answer = 16 * 1024 * 1024;

// The body parsed and validated once, for the verdict, the printout and the record.
struct Inspected {
    rapidjson::Document document;
    bool shown_as_json = false;  // parsed, and shallow enough to be written back out
    schema::ValidationResult result;
    const rapidjson::Value* parsed() const { return shown_as_json ? &document : nullptr; }
};

// Whether `value` nests at most `levels` arrays and objects deep (a scalar: none). Recurses at
// most `levels` + 1 times, whatever the depth of `value`.
bool nests_at_most(const rapidjson::Value& value, std::size_t levels) {
    if (!value.IsObject() && !value.IsArray()) return true;
    if (levels == 0) return false;
    if (value.IsObject()) {
        for (const auto& member : value.GetObject())
            if (!nests_at_most(member.value, levels - 1)) return false;
    } else {
        for (const auto& item : value.GetArray())
            if (!nests_at_most(item, levels - 1)) return false;
    }
    return true;
}

void inspect(const std::string& body, Inspected& out) {
    // UTF-8 is checked first, eight bytes at a time, which costs less than RapidJSON's check of
    // each character. A body that passes it and nests as deep as may be shown takes the faster
    // recursive parser; any other is parsed iteratively, with that check when it failed, for the
    // finding's offset.
    bool utf8 = util::is_valid_utf8(body);
    if (utf8 && schema::parse_shallow(body, out.document, k_max_print_depth)) {
        out.shown_as_json = true;
    } else {
        constexpr unsigned k_flags = rapidjson::kParseIterativeFlag;
        if (utf8)
            out.document.Parse<k_flags>(body.data(), body.size());
        else
            out.document.Parse<k_flags | rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
        if (out.document.HasParseError()) {
            out.result.findings.push_back({schema::Severity::error, schema::Code::invalid_json, "",
                                           schema::describe_parse_error(out.document.GetParseError()),
                                           out.document.GetErrorOffset()});
            return;
        }
        out.shown_as_json = nests_at_most(out.document, k_max_print_depth);
    }
    schema::validate(out.document, {}, schema::ValidateOptions{}, out.result);
}

const std::string* find_header(const std::vector<http::Header>& headers, std::string_view name) {
    for (const http::Header& header : headers)
        if (util::iequals(header.first, name)) return &header.second;
    return nullptr;
}

http::Answer json_answer(int status, const std::string& error = {},
                         const schema::ValidationResult* findings = nullptr) {
    http::Answer answer;
    answer.status = status;
    output::StringSink sink{&answer.body};
    output::JsonWriter w(sink);
    w.StartObject();
    output::write_key(w, "status");
    w.Int(status);
    if (status < 300) {
        output::write_key(w, "accepted");
        w.Bool(true);
    } else {
        output::write_key(w, "error");
        output::write_string(w, error.empty() ? std::string(http::reason_phrase(status)) : error);
    }
    if (findings) {
        output::write_key(w, "findings");
        w.StartArray();
        for (const schema::Finding& finding : findings->findings) output::write_string(w, finding.message);
        w.EndArray();
    }
    w.EndObject();
    answer.body += '\n';
    return answer;
}

// Answers each delivery: checks credentials, validates, decides the answer, records it before
// answering, prints it. Runs on several worker threads at once.
class Receiver {
public:
    Receiver(const Settings& settings, Tally& tally, RecordFile* record, Printer& printer, LivePlan& plan,
             inspector::Inspector* inspector)
        : m_settings(settings), m_tally(tally), m_record(record), m_printer(printer), m_plan(plan),
          m_inspector(inspector) {}

    std::function<void()> on_enough;  // --exit-after reached

    http::Answer handle(http::Request& request) {
        auto started = std::chrono::steady_clock::now();
        Inspected payload;
        inspect(request.body, payload);
        DeliveryView view{&request, payload.parsed(), &payload.result, std::nullopt, std::nullopt, {}};
        milliseconds wait = m_settings.delay;
        Extra extra;
        http::Answer answer;
        if (!m_settings.credentials.accept(find_header(request.headers, "Authorization"))) {
            answer = json_answer(401, "missing or wrong credentials");
            answer.headers.push_back({"WWW-Authenticate", m_settings.credentials.challenge()});
            view.outcome = "REJECTED 401: missing or wrong credentials";
        } else {
            view.repeat = m_repeats.see(request.body, request.received);
            answer = decide(request, payload, view, wait, extra);
        }
        bool body_is_json = payload.shown_as_json;
        if (!shown(payload.result)) {
            // Nothing prints it: its memory (about twice the body's) goes before the record's.
            rapidjson::Document().Swap(payload.document);
            view.parsed = nullptr;
        }
        std::string record = finish(answer, view, body_is_json);
        // Recorded, so it may be answered: the client reads the answer while this prints.
        if (wait.count() == 0 && !answer.drop && request.answer_now) request.answer_now(answer);
        m_tally.delivery(payload.result, view.repeat && view.repeat->count > 1, view.status);
        if (m_inspector) show_on_page(request, record, started, wait, extra);
        if (shown(payload.result)) m_printer.print(view, record);
        if (wait.count() > 0) {
            http::WorkerPool::Blocking answering_late;
            std::this_thread::sleep_for(wait);
        }
        if (m_settings.exit_after && ++m_handled == m_settings.exit_after && on_enough) on_enough();
        return answer;
    }

private:
    // What the inspector shows of a delivery beyond its record.
    struct Extra {
        std::optional<std::string> step;
        std::optional<inspector::ForwardNote> forward;
    };

    void show_on_page(const http::Request& request, const std::string& record,
                      std::chrono::steady_clock::time_point started, milliseconds wait, Extra& extra) {
        inspector::Arrival arrival;
        arrival.record_line = record;
        arrival.body = request.body;
        arrival.headers = &request.headers;
        arrival.step = std::move(extra.step);
        arrival.forward = std::move(extra.forward);
        arrival.answer_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started + wait).count();
        if (const std::string* encoding = find_header(request.headers, "Content-Encoding")) arrival.encoding = *encoding;
        m_inspector->delivered(arrival);
    }

    http::Answer decide(const http::Request& request, const Inspected& payload, DeliveryView& view,
                        milliseconds& wait, Extra& extra) {
        if (m_settings.reject_invalid && !payload.result.valid()) {
            view.outcome = "answered 400: invalid payload (--reject-invalid)";
            return json_answer(400, "invalid payload", &payload.result);
        }
        if (m_settings.forward) return relay(request, view, extra);
        std::size_t nth = view.repeat->count;
        std::shared_ptr<const ResponsePlan> plan = m_plan.current();
        const Step& step = plan->step(nth);
        std::string note;
        if (plan->scripted()) {
            note = " (step " + std::to_string(std::min(nth, plan->size())) + " of " +
                   std::to_string(plan->size()) + ": " + step_name(step) + ")";
            extra.step = step_name(step);
        }
        if (step.kind == Step::Kind::drop) {
            view.outcome = "dropped: connection closed without an answer" + note;
            http::Answer answer;
            answer.drop = true;
            return answer;
        }
        if (step.kind == Step::Kind::timeout) {
            wait += m_settings.timeout_answer;
            view.outcome = "answering " + std::to_string(step.status) + " after " +
                           util::format_duration(wait) + ", too late for the sender" + note;
        } else {
            view.outcome = "answered " + std::to_string(step.status) + note;
        }
        return json_answer(step.status);
    }

    http::Answer relay(const http::Request& request, DeliveryView& view, Extra& extra) {
        const http::ForwardTarget& target = *m_settings.forward;
        http::WorkerPool::Blocking waiting_for_the_app;
        http::ForwardResult result =
            http::forward(target, request, m_settings.forward_timeout, k_max_forward_answer);
        extra.forward = inspector::ForwardNote{
            target.text(), result.answered ? std::optional<int>(result.status) : std::nullopt,
            static_cast<double>(result.latency.count()),
            result.answered ? std::nullopt : std::optional<std::string>(result.error)};
        if (!result.answered) {
            view.outcome = "FORWARD FAILED: " + target.text() + " did not answer (" + result.error +
                           "); answered 502";
            return json_answer(502, "the app at " + target.text() + " did not answer: " + result.error);
        }
        view.outcome = "forwarded to " + target.text() + ": the app answered " +
                       std::to_string(result.status) + " in " + util::format_duration(result.latency);
        http::Answer answer;
        answer.status = result.status;
        answer.body = std::move(result.body);
        answer.content_type = result.content_type.empty() ? "text/plain" : result.content_type;
        return answer;
    }

    // Records an accepted delivery before it is answered (503 if that fails) and returns the
    // delivery's record line.
    std::string finish(http::Answer& answer, DeliveryView& view, bool body_is_json) {
        view.status = answer.drop ? std::nullopt : std::optional<int>(answer.status);
        std::string line = output::record_line(record_of(view, body_is_json));
        bool accepted = view.status && *view.status >= 200 && *view.status < 300;
        if (accepted && m_record && !m_record->append(line)) {
            answer = json_answer(503, "the delivery could not be recorded");
            view.status = 503;
            view.outcome = "answered 503: the record file cannot be written";
            line = output::record_line(record_of(view, body_is_json));
        }
        return line;
    }

    output::DeliveryRecord record_of(const DeliveryView& view, bool body_is_json) const {
        const http::Request& request = *view.request;
        std::optional<std::size_t> repeat;
        if (view.repeat) repeat = view.repeat->count;
        return {request.received, request.method, request.target, request.remote, &request.headers,
                request.body, body_is_json, view.result, repeat, view.status, request.encoding, request.raw};
    }

    bool shown(const schema::ValidationResult& result) const {
        if (m_settings.quiet) return false;
        if (m_settings.events.empty()) return true;
        return result.action && m_settings.events.count(result.action->spec->name);
    }

    const Settings& m_settings;
    Tally& m_tally;
    RecordFile* m_record;
    Printer& m_printer;
    LivePlan& m_plan;
    inspector::Inspector* m_inspector;
    RepeatTracker m_repeats;
    std::atomic<std::size_t> m_handled{0};
};

std::string url_host(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

// --verbose: the open-files limit start-up raised, which bounds the connections held at once.
void report_open_files(const util::OpenFilesLimit& limit) {
    if (limit.unlimited) {
        std::fprintf(stderr, "flowhook: listen: open files: no limit\n");
    } else if (limit.soft > limit.before) {
        std::fprintf(stderr, "flowhook: listen: open files: raised the soft limit from %llu to %llu (the hard limit)\n",
                     static_cast<unsigned long long>(limit.before), static_cast<unsigned long long>(limit.soft));
    } else {
        std::fprintf(stderr, "flowhook: listen: open files: soft limit %llu (hard limit %llu)\n",
                     static_cast<unsigned long long>(limit.soft), static_cast<unsigned long long>(limit.hard));
    }
}

// --verbose: how the records were written; with --fsync, how many deliveries each sync covered.
void report_record(const RecordFile& record, bool fsync) {
    RecordFile::Counts counts = record.counts();
    std::fprintf(stderr, "flowhook: listen: recorded %llu deliveries in %llu writes%s\n",
                 static_cast<unsigned long long>(counts.records), static_cast<unsigned long long>(counts.writes),
                 fsync ? ", each made durable by one fdatasync" : "");
}

}  // namespace

cli::Subcommand setup_listen(CLI::App& app) {
    auto options = std::make_shared<ListenOptions>();
    CLI::App* sub = app.add_subcommand("listen", "Receive deliveries, check them and answer as told");
    sub->footer(k_examples);
    sub->add_option("--host", options->host, "Address to bind (not loopback: set --bearer)")->default_str("127.0.0.1");
    sub->add_option("-p,--port", options->port, "Port to bind; 0 takes a free one")
        ->check(cli::whole_number("a port number", 0, 65535))->type_name("PORT")->default_str("8787");
    sub->add_option("--path", options->path, "Accept POSTs on this path only (others get 404)");
    sub->add_option("-f,--format", options->format, "What to print per delivery")
        ->check(CLI::IsMember({"text", "ndjson"}))->default_str("text");
    sub->add_option("--events", options->events, "Print only these actions (others are still answered)")
        ->delimiter(',')->type_name("A,B");
    sub->add_flag("--no-body", options->no_body, "Leave the body out of the text output");
    sub->add_flag("--headers", options->headers, "Show request headers (credentials masked)");
    sub->add_option("--record", options->record,
                    "Append each accepted delivery to FILE as NDJSON, before answering it")->type_name("FILE");
    auto* fsync = sub->add_flag("--fsync", options->fsync, "With --record: make each record durable before answering (deliveries arriving together share one fdatasync)");
    auto* status = sub->add_option("--status", options->status, "Status to answer")
        ->check(cli::whole_number("an HTTP status", 100, 599))->type_name("STATUS")->default_str("200");
    sub->add_option("--delay", options->delay, "Answer this late (e.g. 11s)")->type_name("DURATION");
    sub->add_flag("--reject-invalid", options->reject_invalid, "Answer 400 with the findings to invalid payloads");
    auto* respond = sub->add_option("--respond", options->respond,
        "Answer the n-th delivery of each body with the n-th step, e.g. 500,timeout,drop,200")->type_name("SEQ");
    auto* fail_first = sub->add_option("--fail-first", options->fail_first, "Answer 500 N times per body, then --status")
        ->check(cli::whole_number("a number of failures", 0, 1000000))->type_name("N");
    sub->add_option("--timeout-answer", options->timeout_answer, "How late a `timeout` step answers")
        ->type_name("DURATION")->default_str("11s");
    sub->add_option("--basic", options->basic, "Require HTTP Basic credentials")
        ->envname("FLOWHOOK_BASIC")->type_name("USER:PASS");
    sub->add_option("--bearer", options->bearer, "Require this bearer token")
        ->envname("FLOWHOOK_BEARER")->type_name("TOKEN");
    auto* forward = sub->add_option("--forward-to", options->forward_to,
        "Relay each delivery to your app and answer with its answer")->type_name("URL");
    auto* forward_timeout = sub->add_option("--forward-timeout", options->forward_timeout, "How long to wait for the app")
        ->type_name("DURATION")->default_str("30s");
    auto* cacert = sub->add_option("--cacert", options->cacert, "Trust this PEM CA file (https app)")
        ->type_name("FILE");
    auto* insecure = sub->add_flag("-k,--insecure", options->insecure, "Skip the https app certificate check");
    sub->add_option("--max-body", options->max_body, "Larger bodies (decoded) get 413")->type_name("SIZE")->default_str("1MiB");
    sub->add_option("--read-timeout", options->read_timeout,
                    "A request must arrive within it; idle connections are closed after it")
        ->type_name("DURATION")->default_str("5s");
    sub->add_option("--exit-after", options->exit_after, "Exit after N deliveries")
        ->check(cli::whole_number("a number of deliveries", 0))->type_name("N");
    // Unlike the other subcommands' pair, these two do not exclude each other: -q is about
    // stdout, -v about stderr.
    sub->add_flag("-q,--quiet", options->quiet,
                  "Print nothing per delivery (still answered, and recorded with --record)");
    sub->add_flag("-v,--verbose", options->verbose, "Report refused requests (413, 400, ...), the open-files limit and the record file's writes on stderr");
    auto* ui = sub->add_flag("--ui", options->ui, "Serve a live web inspector at /_flowhook/ on the same port");
    auto* ui_keep = sub->add_option("--ui-keep", options->ui_keep, "With --ui: keep the last N deliveries for the page")
        ->check(cli::whole_number("a number of deliveries", 1, 1000000))->type_name("N")->default_str("1000");
    auto* ui_keep_bytes = sub->add_option("--ui-keep-bytes", options->ui_keep_bytes,
        "With --ui: keep at most SIZE of deliveries for the page")->type_name("SIZE")->default_str("64MiB");
    cli::check_combinations(*sub, {{respond, fail_first, "--respond scripts every answer; write the failures into it"},
                           {respond, status, "--respond scripts every answer, 200 included"},
                           {forward, respond, "with --forward-to your app decides the answers"},
                           {forward, fail_first, "with --forward-to your app decides the answers"},
                           {forward, status, "with --forward-to your app decides the answers"},
                           {insecure, cacert, "--insecure skips the certificate check that --cacert sets up"}},
                       {{fsync, sub->get_option("--record"), "it makes each record durable before the answer"},
                        {forward_timeout, forward, "it bounds the wait for the app"},
                        {ui_keep, ui, "it bounds what the inspector keeps"},
                        {ui_keep_bytes, ui, "it bounds what the inspector keeps"},
                        {cacert, forward, "it is for an https:// app"},
                        {insecure, forward, "it is for an https:// app"}});
    return {sub, [options] { return run_listen(*options); }};
}

int run_listen(const ListenOptions& options) {
    const Settings settings = check_options(options);
    util::SignalWatch signals;  // before any thread starts, so that every thread blocks them
    // Thousands of idle keep-alive connections need thousands of descriptors.
    const util::OpenFilesLimit open_files = util::raise_open_files_limit();
    std::unique_ptr<RecordFile> record;
    if (!settings.record.empty()) record = std::make_unique<RecordFile>(settings.record, settings.fsync);
    Printer printer(settings.print);
    Tally tally;
    LivePlan plan(settings.plan);
    std::unique_ptr<inspector::Inspector> page;
    if (settings.ui) {
        inspector::InspectorOptions ui;
        ui.host = settings.server.host;
        ui.path = settings.server.path;
        if (settings.forward) ui.forward_to = settings.forward->text();
        ui.keep = {settings.ui_keep, settings.ui_keep_bytes};
        ui.record = settings.record;
        // What the page shows as the script: every step, unless the plan is the plain answer
        // (one step of --status), so that a single "503" set from the page is shown too.
        auto shown = [&settings](const ResponsePlan& now) {
            const Step& only = now.step(1);
            bool plain = now.size() == 1 && only.kind == Step::Kind::status && only.status == settings.status;
            return plain ? std::string() : now.size() == 1 ? step_name(only) : now.text();
        };
        ui.respond = [&plan, shown] { return shown(*plan.current()); };
        ui.set_respond = [&plan, &settings, shown](const std::string& script) {
            plan.replace(ResponsePlan::from_options(script, 0, settings.status));
            return shown(*plan.current());
        };
        page = std::make_unique<inspector::Inspector>(std::move(ui));
    }
    Receiver receiver(settings, tally, record.get(), printer, plan, page.get());
    http::Server server(
        settings.server, [&](http::Request& request) { return receiver.handle(request); },
        [&](const http::Refusal& refusal) {
            tally.refusal(refusal.status);
            if (settings.verbose)
                std::fprintf(stderr, "flowhook: listen: refused %s: %d %s\n", refusal.remote.c_str(),
                             refusal.status, refusal.reason.c_str());
        });
    if (page) server.reserve("/_flowhook", [&](http::Request& request) { return page->handle(request); });
    int port = 0;
    try {
        port = server.bind();
    } catch (const http::BindError& e) {
        throw Error(e.what());
    }
    std::fprintf(stderr, "listening on http://%s:%d/\n", url_host(settings.server.host).c_str(), port);
    if (page) std::fprintf(stderr, "inspector: %s\n", page->start(port).c_str());
    if (!is_loopback(settings.server.host) && !settings.credentials.required())
        std::fprintf(stderr,
                     "flowhook: listen: warning: %s is not loopback and no --basic/--bearer is set: "
                     "anyone who reaches it can deliver\n",
                     settings.server.host.c_str());
    if (settings.verbose) report_open_files(open_files);
    std::fflush(stderr);
    if (record) record->open_now();  // after the line scripts wait for, which must come first

    auto stop = [&server, &page] {
        if (page) page->stop();  // replays in flight end; event streams close
        server.stop();
    };
    receiver.on_enough = stop;
    signals.start(stop);
    auto started = std::chrono::steady_clock::now();
    server.run();  // returns once every delivery received has been answered
    signals.finish();  // its thread may still be inside server.stop()
    if (record && settings.verbose) report_record(*record, settings.fsync);
    record.reset();  // flushed and closed before the summary says so
    auto uptime = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
    std::fputs(tally.summary(uptime).c_str(), stderr);
    return k_exit_ok;
}

}  // namespace flowhook::listen
