#include "check/report.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "delivery/attempt_text.hpp"
#include "output/escape.hpp"
#include "output/json_writer.hpp"

namespace flowhook::check {
namespace {

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string summary_line(const Summary& s) {
    std::string line = std::to_string(s.checks) + (s.checks == 1 ? " check" : " checks") + ": " +
                       std::to_string(s.passed) + " passed, " + std::to_string(s.warned) +
                       " warned, " + std::to_string(s.failed) + " failed (" +
                       std::to_string(s.must_failed) + " MUST), " + std::to_string(s.skipped) +
                       " skipped in " + delivery::format_latency(s.elapsed);
    if (s.interrupted) line += "; interrupted, the other checks did not run";
    return line;
}

void render_text(std::FILE* out, const std::string&, const std::vector<Verdict>& verdicts,
                 const Summary& summary, bool colour) {
    std::size_t width = 0;
    for (const Verdict& v : verdicts) width = std::max(width, v.name.size());
    for (const Verdict& v : verdicts) {
        const char* paint = v.outcome == Outcome::fail   ? "\033[31m"
                            : v.outcome == Outcome::warn ? "\033[33m"
                            : v.outcome == Outcome::pass ? "\033[32m"
                                                         : "";
        std::fprintf(out, "%s%-4s%s  %-6s  %-*s  %s\n", colour ? paint : "",
                     upper(outcome_name(v.outcome)).c_str(), colour ? "\033[0m" : "",
                     std::string(level_name(v.level)).c_str(), static_cast<int>(width),
                     v.name.c_str(), v.message.c_str());
        if (!v.consequence.empty()) std::fprintf(out, "      %s\n", v.consequence.c_str());
        if (!v.reproduce.empty()) std::fprintf(out, "      Reproduce: %s\n", v.reproduce.c_str());
    }
    std::fprintf(out, "\n%s\n", summary_line(summary).c_str());
}

void optional_string(output::JsonWriter& w, std::string_view key, const std::string& value) {
    output::write_key(w, key);
    if (value.empty()) w.Null();
    else output::write_string(w, value);
}

void render_json(std::FILE* out, const std::string& url, const std::vector<Verdict>& verdicts,
                 const Summary& s, bool) {
    std::string text;
    output::StringSink sink{&text};
    output::JsonWriter w(sink);
    w.StartObject();
    output::write_key(w, "url");
    output::write_string(w, url);
    output::write_key(w, "checks");
    w.StartArray();
    for (const Verdict& v : verdicts) {
        w.StartObject();
        output::write_key(w, "name");
        output::write_string(w, v.name);
        output::write_key(w, "level");
        output::write_string(w, level_name(v.level));
        output::write_key(w, "outcome");
        output::write_string(w, outcome_name(v.outcome));
        output::write_key(w, "status");
        if (v.status) w.Int(*v.status);
        else w.Null();
        output::write_key(w, "latency_ms");
        if (v.latency) w.Double(delivery::milliseconds(*v.latency));
        else w.Null();
        output::write_key(w, "elapsed_ms");
        w.Double(delivery::milliseconds(v.elapsed));
        optional_string(w, "answer", v.answer);
        optional_string(w, "message", v.message);
        optional_string(w, "consequence", v.consequence);
        optional_string(w, "reproduce", v.reproduce);
        w.EndObject();
    }
    w.EndArray();
    output::write_key(w, "summary");
    w.StartObject();
    for (auto [key, value] : {std::pair{"checks", s.checks}, {"passed", s.passed},
                              {"warned", s.warned}, {"failed", s.failed}, {"skipped", s.skipped},
                              {"must_failed", s.must_failed}}) {
        output::write_key(w, key);
        w.Uint64(value);
    }
    output::write_key(w, "interrupted");
    w.Bool(s.interrupted);
    output::write_key(w, "elapsed_ms");
    w.Double(delivery::milliseconds(s.elapsed));
    w.EndObject();
    w.EndObject();
    std::fprintf(out, "%s\n", text.c_str());
}

void render_junit(std::FILE* out, const std::string& url, const std::vector<Verdict>& verdicts,
                  const Summary& s, bool) {
    std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    std::string counts = " tests=\"" + std::to_string(s.checks) + "\" failures=\"" +
                         std::to_string(s.failed) + "\" skipped=\"" + std::to_string(s.skipped) +
                         "\" errors=\"0\"";
    text += "<testsuites name=\"flowhook check\"" + counts + ">\n";
    text += "  <testsuite name=\"flowhook check ";
    output::append_xml_escaped(text, url);
    text += "\"" + counts + ">\n";
    for (const Verdict& v : verdicts) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.6f",
                      delivery::milliseconds(v.elapsed) / 1000);
        text += "    <testcase classname=\"flowhook.check\" name=\"";
        output::append_xml_escaped(text, v.name);
        text += "\" time=\"" + std::string(seconds) + "\">\n";
        if (v.outcome == Outcome::fail) {
            text += "      <failure type=\"" + std::string(level_name(v.level)) + "\" message=\"";
            output::append_xml_escaped(text, v.message);
            text += "\">";
            output::append_xml_escaped(text, v.consequence + "\nReproduce: " + v.reproduce);
            text += "</failure>\n";
        } else if (v.outcome == Outcome::skip) {
            text += "      <skipped message=\"";
            output::append_xml_escaped(text, v.message);
            text += "\"/>\n";
        } else {
            text += "      <system-out>";
            output::append_xml_escaped(text, upper(outcome_name(v.outcome)) + ": " + v.message);
            text += "</system-out>\n";
        }
        text += "    </testcase>\n";
    }
    text += "  </testsuite>\n</testsuites>\n";
    std::fputs(text.c_str(), out);
}

void render_github(std::FILE* out, const std::string&, const std::vector<Verdict>& verdicts,
                   const Summary& summary, bool) {
    for (const Verdict& v : verdicts) {
        if (v.outcome != Outcome::fail && v.outcome != Outcome::warn) continue;
        std::string text = v.message;
        if (!v.consequence.empty()) text += "\n" + v.consequence;
        if (!v.reproduce.empty()) text += "\nReproduce: " + v.reproduce;
        std::fprintf(out, "::%s title=%s::%s\n", v.outcome == Outcome::fail ? "error" : "warning",
                     output::github_escape("flowhook check " + v.name, true).c_str(),
                     output::github_escape(text, false).c_str());
    }
    std::fprintf(out, "flowhook: %s\n", summary_line(summary).c_str());
}

using Renderer = void (*)(std::FILE*, const std::string&, const std::vector<Verdict>&,
                          const Summary&, bool);

struct Format {
    std::string_view name;
    Renderer render;
};

constexpr Format k_renderers[] = {
    {"text", render_text}, {"json", render_json}, {"junit", render_junit}, {"github", render_github}};

}  // namespace

Summary summarize(const std::vector<Verdict>& verdicts) {
    Summary s;
    s.checks = verdicts.size();
    for (const Verdict& v : verdicts) {
        switch (v.outcome) {
            case Outcome::pass: ++s.passed; break;
            case Outcome::warn: ++s.warned; break;
            case Outcome::fail: ++s.failed; break;
            case Outcome::skip: ++s.skipped; break;
        }
        if (v.outcome == Outcome::fail && v.level == Level::must) ++s.must_failed;
    }
    return s;
}

void render(std::string_view format, std::FILE* out, const std::string& url,
            const std::vector<Verdict>& verdicts, const Summary& summary, bool colour) {
    for (const Format& f : k_renderers)
        if (f.name == format) return f.render(out, url, verdicts, summary, colour);
}

void list_checks(std::FILE* out, const std::vector<Check>& checks) {
    std::size_t width = 0;
    for (const Check& c : checks) width = std::max(width, c.name.size());
    for (const Check& c : checks)
        std::fprintf(out, "%-*s  %-6s  %s\n", static_cast<int>(width), c.name.c_str(),
                     std::string(level_name(c.level)).c_str(), c.description.c_str());
}

}  // namespace flowhook::check
