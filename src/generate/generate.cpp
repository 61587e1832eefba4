#include "generate/generate.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "util/error.hpp"
#include "cli/catalogue_listing.hpp"
#include "cli/option_values.hpp"
#include "cli/payload_output.hpp"
#include "schema/json_schema.hpp"
#include "schema/sample.hpp"
#include "schema/scenario.hpp"
#include "util/progress.hpp"
#include "util/terminal.hpp"

namespace flowhook::generate {
namespace {

constexpr const char* k_examples = R"(Examples:
  flowhook generate ORDER_SETTLED                     the platform's documented example
  flowhook generate --all                             one payload per action, in a JSON array
  flowhook generate --random --seed 7 TILL_OPEN       varied values, the same for seed 7
  flowhook generate ORDER_SETTLED --set order.Id=42 --set store.Uid=web-1
  flowhook generate --all --random --count 1000000 --compact -o events.ndjson
  flowhook generate --all --split -o payloads/        payloads/0001-order_settled.json ...
  flowhook generate --scenario sale --seed 3 --compact
  flowhook generate --list --format json              the catalogue, for scripts
  flowhook generate --schema --strict > flowretail.schema.json

Several payloads are a pretty JSON array; with --compact or --count, one payload per line
(NDJSON). --seed implies --random; a scenario always draws random ids. Writing many payloads
to a file or a pipe shows a progress line on stderr when stderr is a terminal (not with -q).

Exit codes: 0 done, 2 usage error (unknown action, malformed --set, ...) or output that
cannot be written.)";

// Where payloads come from: chosen actions, cycled, or runs of a scenario.
struct Plan {
    std::vector<schema::ActionMatch> actions;
    const schema::Scenario* scenario = nullptr;
    std::uint64_t count = 0;  // payloads, or scenario runs
};

std::string unknown_action_message(const std::string& name) {
    std::string message = "unknown action \"" + name + "\"";
    if (auto suggestion = schema::suggest_action(name); !suggestion.empty())
        message += "; did you mean \"" + std::string(suggestion) + "\"?";
    return message + " (--list shows every action)";
}

schema::ActionMatch resolve_action(const std::string& name) {
    auto match = schema::find_action(name);
    if (!match) throw Error(unknown_action_message(name));
    return *match;
}

const schema::Scenario& resolve_scenario(const std::string& name) {
    if (const schema::Scenario* scenario = schema::find_scenario(name)) return *scenario;
    std::string names;
    for (const schema::Scenario& s : schema::scenarios())
        names += (names.empty() ? "" : ", ") + std::string(s.name);
    throw Error("unknown scenario \"" + name + "\"; the scenarios are " + names);
}

// Writes a whole document (a listing, a schema) to the output.
int write_document(const std::string& text, const std::string& path) {
    cli::PayloadOutput output(cli::OutputLayout::single, path, 0);
    std::string_view body(text);
    if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
    output.write(body);
    output.finish();
    return k_exit_ok;
}

std::string schema_document(const GenerateOptions& options) {
    if (options.actions.size() > 1)
        throw Error("--schema takes at most one ACTION (none: one schema for every action)");
    schema::JsonSchemaOptions rules{options.strict};
    if (options.actions.empty()) return schema::json_schema_for_all(rules);
    return schema::json_schema_for(*resolve_action(options.actions[0]).spec, rules);
}

Plan plan_payloads(const GenerateOptions& options) {
    Plan plan;
    if (options.scenario) {
        if (!options.actions.empty())
            throw Error("--scenario makes its own events; drop the ACTION arguments");
        plan.scenario = &resolve_scenario(*options.scenario);
        plan.actions = schema::scenario_actions(*plan.scenario);
        plan.count = options.count.value_or(1);
        return plan;
    }
    if (options.all) {
        for (const schema::ActionSpec& spec : schema::actions())
            plan.actions.push_back({&spec, spec.name});
    } else if (options.actions.empty()) {
        throw Error("name an ACTION, or use --all, --scenario, --list or --schema");
    }
    for (const std::string& name : options.actions) plan.actions.push_back(resolve_action(name));
    plan.count = options.count.value_or(plan.actions.size());
    return plan;
}

cli::OutputLayout layout_for(const GenerateOptions& options, const Plan& plan) {
    if (options.split) return cli::OutputLayout::split;
    if (options.compact || options.count) return cli::OutputLayout::lines;
    if (!plan.scenario && plan.count == 1) return cli::OutputLayout::single;
    return cli::OutputLayout::array;
}

// Digits for split file names, so that they sort in order.
std::size_t index_width(const Plan& plan) {
    std::uint64_t most = plan.count;
    if (plan.scenario) {
        std::uint64_t per_run = 0;
        for (const schema::ScenarioStep& step : plan.scenario->steps) per_run += step.max_repeat;
        most *= per_run;
    }
    return std::max<std::size_t>(4, std::to_string(most).size());
}

schema::SampleMaker make_maker(const GenerateOptions& options, const Plan& plan,
                               cli::OutputLayout layout) {
    schema::SampleOptions sample;
    sample.random = options.random || options.seed || plan.scenario;
    sample.seed = cli::seed_or_fresh(options.seed);  // no seed given: a new sequence each run
    if (sample.random && options.verbose)
        std::fprintf(stderr, "flowhook: generate: seed %llu\n",
                     static_cast<unsigned long long>(sample.seed));
    sample.sets = options.sets;
    sample.allow_unknown = options.allow_unknown;
    sample.pretty = !options.compact && layout != cli::OutputLayout::lines;
    try {
        schema::SampleMaker maker(std::move(sample));
        maker.check_sets_apply(plan.actions);
        return maker;
    } catch (const std::invalid_argument& e) {
        throw Error(e.what());
    }
}

void generate_payloads(const Plan& plan, schema::SampleMaker& maker, cli::PayloadOutput& output,
                       util::Progress& progress) {
    std::string payload;
    if (plan.scenario) {
        for (std::uint64_t run = 0; run < plan.count; ++run)
            schema::play_scenario(*plan.scenario, maker, payload,
                                  [&](const schema::ActionMatch& action, std::string& text) {
                                      output.write(text, action.spelling);
                                      progress.update(output.written());
                                  });
        return;
    }
    std::size_t next = 0;
    for (std::uint64_t i = 0; i < plan.count; ++i) {
        payload.clear();
        maker.append(plan.actions[next], payload);
        output.write(payload, plan.actions[next].spelling);
        progress.update(output.written());
        if (++next == plan.actions.size()) next = 0;
    }
}

// -v: what was written, on stderr.
void print_written(const cli::PayloadOutput& output, const std::string& path,
                   std::chrono::steady_clock::time_point start) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "flowhook: generate: %zu payloads written to %s in %.3fs\n",
                 output.written(), path.empty() || path == "-" ? "stdout" : path.c_str(), seconds);
}

void check_argument_combinations(const GenerateOptions& options) {
    bool listing = options.list || options.scenario == "list";
    if (options.format != "text" && !listing)
        throw Error("--format applies to --list and --scenario list");
    if (listing && !options.actions.empty())
        throw Error("--list and --scenario list take no ACTION");
    if (options.split && options.output.empty()) throw Error("--split needs --output FOLDER");
    if ((listing || options.schema) && (options.split || options.random || options.seed ||
                                        options.count || options.compact || !options.sets.empty()))
        throw Error(
            "--list, --scenario list and --schema print a document; payload options "
            "(--random, --seed, --count, --compact, --set, --split) do not apply");
}

}  // namespace

cli::Subcommand setup_generate(CLI::App& app) {
    auto o = std::make_shared<GenerateOptions>();
    CLI::App* sub =
        app.add_subcommand("generate", "Make sample payloads, scenarios and the schema");
    sub->footer(k_examples);
    sub->add_option("actions", o->actions, "Actions to make a payload of (any spelling)")
        ->type_name("ACTION...");
    auto* all = sub->add_flag("--all", o->all, "One payload per action in the catalogue");
    sub->add_flag("--random", o->random, "Realistic varied values instead of the documented ones");
    sub->add_option("--seed", o->seed,
                    "Seed for the random values: the same seed, the same bytes "
                    "(implies --random)")
        ->check(cli::whole_number("a whole number", 0))
        ->type_name("N");
    sub->add_option("-n,--count", o->count,
                    "Make N payloads, cycling through the actions "
                    "(a scenario: N runs); one per line")
        ->check(cli::whole_number("a number of payloads", 1))
        ->type_name("N");
    sub->add_flag("-c,--compact", o->compact, "One line per payload (NDJSON)");
    sub->add_option("-s,--set", o->sets,
                    "Override a field, e.g. order.Id=42, store.Uid=web-1, "
                    "date=2026-01-31 (repeatable)")
        ->type_name("PATH=VALUE")
        ->allow_extra_args(false);
    sub->add_flag("--allow-unknown", o->allow_unknown,
                  "Let --set add fields the catalogue does not know (a JSON value or a string)");
    sub->add_option("-o,--output", o->output,
                    "Write to FILE (default stdout), or with --split "
                    "to a FOLDER")
        ->type_name("PATH");
    sub->add_flag("--split", o->split,
                  "One file per payload in the --output folder, named "
                  "after index and action (0001-order_settled.json)");
    auto* scenario = sub->add_option("--scenario", o->scenario,
                                     "Linked events with consistent "
                                     "ids, e.g. sale, till-day; 'list' names them")
                         ->type_name("NAME");
    auto* list = sub->add_flag("--list", o->list, "Print the catalogue of actions");
    sub->add_option("-f,--format", o->format, "Format of --list and --scenario list")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_str("text");
    auto* schema = sub->add_flag("--schema", o->schema,
                                 "Print the JSON Schema (draft 2020-12) "
                                 "of ACTION, or of every action");
    auto* strict = sub->add_flag("--strict", o->strict,
                                 "With --schema: forbid fields the catalogue does not know");
    auto* quiet =
        sub->add_flag("-q,--quiet", o->quiet, "Nothing on stderr but errors (no progress line)");
    auto* verbose = sub->add_flag("-v,--verbose", o->verbose,
                                  "Print the random seed used, and what was written, on stderr");
    std::string one_kind = "give one kind of output";
    cli::check_combinations(*sub,
                       {{list, all, "--list prints the catalogue, --all payloads"},
                        {list, scenario, one_kind},
                        {list, schema, one_kind},
                        {schema, scenario, one_kind},
                        {scenario, all, "a scenario makes its own events"},
                        cli::quiet_and_verbose(quiet, verbose)},
                       {{strict, schema, "it makes the schema forbid unknown fields"}});
    return {sub, [o] { return run_generate(*o); }};
}

int run_generate(const GenerateOptions& options) {
    check_argument_combinations(options);
    // Documents about the tables rather than payloads.
    if (options.list)
        return write_document(options.format == "json" ? cli::catalogue_json() : cli::catalogue_text(),
                              options.output);
    if (options.scenario == "list")
        return write_document(options.format == "json" ? cli::scenarios_json() : cli::scenarios_text(),
                              options.output);
    if (options.schema) return write_document(schema_document(options), options.output);

    // Payloads: decide what to make and how to lay it out, then stream them out.
    auto start = std::chrono::steady_clock::now();
    Plan plan = plan_payloads(options);
    cli::OutputLayout layout = layout_for(options, plan);
    schema::SampleMaker maker = make_maker(options, plan, layout);
    cli::PayloadOutput output(layout, options.output, index_width(plan));
    // Payloads printed on the terminal are their own progress.
    bool to_terminal = layout != cli::OutputLayout::split &&
                       (options.output.empty() || options.output == "-") &&
                       util::is_terminal(stdout);
    auto progress = util::Progress::on_terminal("payloads written", options.quiet || to_terminal);
    generate_payloads(plan, maker, output, progress);
    progress.finish();
    output.finish();
    if (options.verbose) print_written(output, options.output, start);
    return k_exit_ok;
}

}  // namespace flowhook::generate
