// The checks of flowhook check: one function each, graded against the platform's rules (see
// README, "Check your receiver"), and the table that names them.
#include "check/checks.hpp"

#include <latch>
#include <thread>

#include "delivery/attempt_text.hpp"
#include "output/delivery_record.hpp"
#include "schema/catalog.hpp"
#include "util/units.hpp"

namespace flowhook::check {
namespace {

constexpr long long k_id_base = 900'000;          // far from the documented examples' ids
constexpr std::size_t k_large_body = 1'000'000;   // about 1 MiB, under listen's --max-body
constexpr util::Duration k_platform_timeout{10'000};
constexpr std::size_t k_answer_bytes = 200;  // of an answer, in a message

// An id no other check's payloads carry: the check's position, then `n` within it.
long long id_of(const Context& context, int n = 0) {
    return k_id_base + context.current().index * 100LL + n;
}

bool answered_2xx(const http::Attempt& attempt) {
    return attempt.answer && attempt.answer->status < 300;
}

bool answered_4xx(const http::Attempt& attempt) {
    return attempt.answer && attempt.answer->status >= 400 && attempt.answer->status <= 499;
}

// A 5xx, a 3xx, a timeout or a broken connection: what the platform retries.
bool retried(const http::Attempt& attempt) {
    return !answered_2xx(attempt) && !answered_4xx(attempt);
}

Verdict failed(const http::Attempt& attempt, const Context& context, std::string message,
               std::string reproduce) {
    Verdict verdict;
    record_attempt(verdict, attempt);
    verdict.outcome = Outcome::fail;
    verdict.message = std::move(message);
    verdict.consequence = consequence_of(attempt, context.settings());
    verdict.reproduce = std::move(reproduce);
    return verdict;
}

Verdict passed(const http::Attempt& attempt, std::string message = "") {
    Verdict verdict;
    record_attempt(verdict, attempt);
    verdict.message = message.empty() ? delivery::describe_attempt(attempt, k_answer_bytes) : message;
    return verdict;
}

// Slower than --slow: a warning that says how close to the platform's 10 s it came.
void warn_if_slow(Verdict& verdict, http::Latency latency, const Settings& settings,
                  const std::string& what = "answered") {
    if (latency <= settings.slow) return;
    auto percent = latency.count() / (k_platform_timeout.count() * 10);
    verdict.outcome = Outcome::warn;
    verdict.message = what + " in " + delivery::format_latency(latency) + ", slower than --slow " +
                      util::format_duration(settings.slow) + ": " + std::to_string(percent) +
                      "% of the platform's 10s limit";
}

// A delivery that must be answered 2xx within the timeout.
Verdict expect_2xx(Context& context, const std::string& body, const std::string& reproduce,
                   const http::Headers& headers, const std::string& why = "") {
    http::Attempt attempt = context.deliver(body, headers);
    if (!answered_2xx(attempt))
        return failed(attempt, context, why + delivery::describe_attempt(attempt, k_answer_bytes), reproduce);
    Verdict verdict = passed(attempt);
    warn_if_slow(verdict, attempt.latency, context.settings());
    return verdict;
}

Verdict accepts(Context& context, std::string_view spelling) {
    Payload payload = sample(spelling, id_of(context));
    return expect_2xx(context, payload.body, context.reproduce(payload), context.headers());
}

Verdict accepts_recorded(Context& context, std::size_t n) {
    const delivery::Recorded& recorded = context.settings().recorded.at(n);
    std::string line = recorded.name.substr(recorded.name.rfind(':') + 1);
    std::string reproduce = context.send_command(
        "--no-validate --replay <(sed -n " + line + "p " +
        shell_quote(context.settings().from_path) + ")");
    http::Headers headers = delivery::delivery_headers(context.settings().headers, recorded.headers);
    return expect_2xx(context, recorded.body, reproduce, headers);
}

Verdict tolerates_unknown_fields(Context& context) {
    Payload payload = sample("ORDER_SETTLED", id_of(context),
                             {"flowhookAddedField={\"added\":true}", "order.flowhookAddedField=added"},
                             true);
    return expect_2xx(context, payload.body, context.reproduce(payload), context.headers(),
                      "fields it does not know (the platform adds fields): ");
}

Verdict unknown_action(Context& context) {
    Payload payload = sample("ORDER_SETTLED", id_of(context), {"action=FUTURE_EVENT_HAPPENED"}, true);
    payload.valid = false;
    http::Attempt attempt = context.deliver(payload.body);
    if (retried(attempt))
        return failed(attempt, context,
                      "an action it does not know (a future event): " +
                          delivery::describe_attempt(attempt, k_answer_bytes),
                      context.reproduce(payload));
    return passed(attempt);
}

Verdict rejects_malformed(Context& context) {
    Verdict verdict;
    std::string seen;
    for (const Malformed& bad : malformed_bodies(id_of(context))) {
        http::Attempt attempt = context.deliver(bad.body);
        std::string got = attempt.answer ? std::to_string(attempt.answer->status)
                                         : std::string(http::failure_name(attempt.failure->kind));
        seen += (seen.empty() ? "" : ", ") + bad.what + " " + got;
        if (verdict.outcome == Outcome::fail) continue;
        if (retried(attempt)) {
            verdict = failed(attempt, context, bad.what + ": " + delivery::describe_attempt(attempt, k_answer_bytes),
                             context.reproduce_body(bad.body));
        } else if (answered_2xx(attempt) && verdict.outcome == Outcome::pass) {
            record_attempt(verdict, attempt);
            verdict.outcome = Outcome::warn;
            verdict.message = bad.json ? "accepted " + bad.what + " (SHOULD answer 4xx)"
                                       : "accepted " + bad.what + ", which is not JSON";
            verdict.reproduce = context.reproduce_body(bad.body);
        } else if (verdict.outcome == Outcome::pass && !verdict.status) {
            record_attempt(verdict, attempt);
        }
    }
    if (verdict.outcome == Outcome::pass) verdict.message = "4xx to each: " + seen;
    else verdict.message += " (" + seen + ")";
    return verdict;
}

Verdict duplicate(Context& context) {
    Payload payload = sample("ORDER_SETTLED", id_of(context));
    std::string reproduce = context.reproduce(payload, "--duplicate 2");
    auto before = context.read_probe();
    http::Attempt first = context.deliver(payload.body);
    auto between = context.read_probe();
    http::Attempt second = context.deliver(payload.body);
    auto after = context.read_probe();
    if (!answered_2xx(first))
        return failed(first, context, "the first delivery: " + delivery::describe_attempt(first, k_answer_bytes),
                      reproduce);
    if (!answered_2xx(second))
        return failed(second, context,
                      "the same body again (the platform's retry after a lost answer): " +
                          delivery::describe_attempt(second, k_answer_bytes),
                      reproduce);
    Verdict verdict = passed(second, "2xx both times");
    if (!before) return verdict;
    if (*after != *between) {
        verdict.outcome = Outcome::fail;
        verdict.message = "the probe changed on the duplicate: the receiver acted on it twice";
        verdict.consequence =
            "the platform re-sends a delivery whose answer it lost: each one is acted on again "
            "(a sale booked twice)";
        verdict.reproduce = reproduce;
        return verdict;
    }
    verdict.message += *between == *before
                           ? "; the probe did not change on the first either (is it the right probe?)"
                           : "; the probe changed on the first, not on the duplicate";
    return verdict;
}

Verdict out_of_order(Context& context) {
    std::vector<std::string> events = sale_out_of_order(static_cast<unsigned long long>(id_of(context)));
    Verdict verdict;
    for (std::size_t i = 0; i < events.size(); ++i) {
        http::Attempt attempt = context.deliver(events[i]);
        if (!answered_2xx(attempt))
            return failed(attempt, context,
                          "event " + std::to_string(i + 1) + " of " + std::to_string(events.size()) +
                              " (receipt and stock before the order): " +
                              delivery::describe_attempt(attempt, k_answer_bytes),
                          context.reproduce_lines(events));
        verdict = passed(attempt);
    }
    verdict.message = std::to_string(events.size()) +
                      " events of a sale, the receipt and the stock changes before the order: all 2xx";
    return verdict;
}

Verdict burst(Context& context) {
    const Settings& settings = context.settings();
    Payload payload = sample("ORDER_SETTLED", id_of(context));
    auto n = static_cast<std::size_t>(settings.burst);
    std::vector<http::Attempt> attempts(n);
    std::latch ready(static_cast<std::ptrdiff_t>(n));
    http::Headers headers = context.headers();
    {
        std::vector<std::jthread> workers;
        for (std::size_t i = 0; i < n; ++i)
            workers.emplace_back([&, i] {
                http::Client client(settings.client);  // a connection each, as the platform opens
                ready.arrive_and_wait();
                attempts[i] = one_attempt(client, headers, payload.body, settings.stop);
            });
    }
    std::string reproduce = context.reproduce(
        payload, "--duplicate " + std::to_string(n) + " --concurrency " + std::to_string(n));
    std::vector<http::Latency> latencies;
    std::size_t ok = 0;
    const http::Attempt* bad = nullptr;
    for (const http::Attempt& attempt : attempts) {
        latencies.push_back(attempt.latency);
        if (answered_2xx(attempt)) ++ok;
        else if (!bad) bad = &attempt;
    }
    auto stats = delivery::latency_stats(latencies);
    std::string figures = std::to_string(ok) + " of " + std::to_string(n) + " at once answered 2xx; p50 " +
                          delivery::format_latency(stats->p50) + ", p99 " +
                          delivery::format_latency(stats->p99);
    if (bad) return failed(*bad, context, figures + "; " + delivery::describe_attempt(*bad, k_answer_bytes), reproduce);
    Verdict verdict = passed(attempts.back(), figures);
    verdict.latency = stats->p99;
    warn_if_slow(verdict, stats->p99, settings, "p99 of " + std::to_string(n) + " at once");
    return verdict;
}

// 401 or 403 to a delivery without the right credentials; a 2xx is a security failure.
std::optional<Verdict> refuses(Context& context, const std::string& what,
                               const delivery::Credentials& credentials, const std::string& extra,
                               int n) {
    Payload payload = sample("ORDER_SETTLED", id_of(context, n));
    http::Attempt attempt = context.deliver(payload.body, context.headers_with(credentials));
    if (attempt.answer && (attempt.answer->status == 401 || attempt.answer->status == 403))
        return std::nullopt;
    Verdict verdict = failed(attempt, context, what + ": " + delivery::describe_attempt(attempt, k_answer_bytes),
                             context.reproduce(payload, extra, false));
    if (answered_2xx(attempt))
        verdict.consequence = "security failure: it accepted a delivery " + what +
                              ", so anyone who knows the URL can post events";
    else if (answered_4xx(attempt))
        verdict.consequence = "answer 401 or 403 to a delivery " + what;
    return verdict;
}

Verdict credentials(Context& context) {
    const cli::RequestOptions& request = context.settings().request;
    if (request.basic.empty() && request.bearer.empty()) {
        Verdict verdict;
        verdict.outcome = Outcome::skip;
        verdict.message = "no --basic or --bearer given";
        return verdict;
    }
    bool basic = !request.basic.empty();
    delivery::Credentials wrong{basic ? "flowhook-check:wrong-password" : "",
                                basic ? "" : "flowhook-check-wrong-token"};
    std::string wrong_option = basic ? "--basic flowhook-check:wrong-password"
                                     : "--bearer flowhook-check-wrong-token";
    if (auto verdict = refuses(context, "without credentials", {}, "", 1)) return *verdict;
    if (auto verdict = refuses(context, "with wrong credentials", wrong, wrong_option, 2))
        return *verdict;
    Payload payload = sample("ORDER_SETTLED", id_of(context, 3));
    Verdict verdict = expect_2xx(context, payload.body, context.reproduce(payload),
                                 context.headers(), "with the right credentials: ");
    if (verdict.outcome != Outcome::fail)
        verdict.message = "401/403 without and with wrong credentials, 2xx with the right ones";
    return verdict;
}

Verdict large_body(Context& context) {
    Padded padded = padded_sample(id_of(context), k_large_body);
    http::Attempt attempt = context.deliver(padded.body);
    std::string reproduce = "{ printf '%s' " + shell_quote(padded.prefix) + "; head -c " +
                            std::to_string(padded.padding) + " /dev/zero | tr '\\0' x; printf '%s' " +
                            shell_quote(padded.suffix) + "; } | " + context.send_command("-");
    std::string what = "a valid payload of " + util::format_size(padded.body.size()) + ": ";
    if (retried(attempt))
        return failed(attempt, context, what + delivery::describe_attempt(attempt, k_answer_bytes), reproduce);
    return passed(attempt, what + delivery::describe_attempt(attempt, k_answer_bytes));
}

Verdict method_and_headers(Context& context) {
    std::string sent = "the platform sends POST";
    for (const auto& [name, value] : context.headers())
        sent += ", " + name + ": " + output::masked_header_value(name, value);
    http::Attempt attempt = context.get();
    Verdict verdict = passed(attempt, sent + "; a GET got " + delivery::describe_attempt(attempt, k_answer_bytes));
    if (answered_2xx(attempt)) {
        verdict.outcome = Outcome::warn;
        verdict.message = "answered " + std::to_string(attempt.answer->status) +
                          " to a GET, which the platform never sends (" + sent + ")";
    }
    return verdict;
}

}  // namespace

std::vector<Check> check_table(std::size_t recorded) {
    std::vector<Check> table;
    for (std::string_view spelling : schema::all_spellings())
        table.push_back({"accepts/" + std::string(spelling), Level::must,
                         "the sample of " + std::string(spelling) + ": 2xx within --timeout",
                         [spelling](Context& c) { return accepts(c, spelling); }});
    for (std::size_t n = 0; n < recorded; ++n)
        table.push_back({"accepts/recorded-" + std::to_string(n + 1), Level::must,
                         "record " + std::to_string(n + 1) + " of --from: 2xx within --timeout",
                         [n](Context& c) { return accepts_recorded(c, n); }});
    std::vector<Check> contract = {
        {"tolerates-unknown-fields", Level::must,
         "fields it does not know, at the top and inside objects: 2xx", tolerates_unknown_fields},
        {"unknown-action", Level::must, "an action it does not know: 2xx or 4xx, never 5xx",
         unknown_action},
        {"rejects-malformed", Level::must,
         "not JSON, empty, cut short, an array, a wrong type, no action: never 5xx; 4xx SHOULD",
         rejects_malformed},
        {"duplicate", Level::must,
         "the same body twice: 2xx both times; with a probe, acted on once", duplicate},
        {"out-of-order", Level::must, "a sale's receipt and stock before its order: all 2xx",
         out_of_order},
        {"burst", Level::must, "--burst deliveries at once: all 2xx; p99 over --slow warns", burst},
        {"credentials", Level::must,
         "without and with wrong --basic/--bearer: 401 or 403; with them: 2xx", credentials},
        {"large-body", Level::must, "a valid payload of about 1 MiB: not 5xx, not a timeout",
         large_body},
        {"method-and-headers", Level::info, "what the platform sends; a 2xx to a GET is noted",
         method_and_headers},
    };
    table.insert(table.end(), contract.begin(), contract.end());
    for (std::size_t i = 0; i < table.size(); ++i) table[i].index = static_cast<int>(i);
    return table;
}

}  // namespace flowhook::check
