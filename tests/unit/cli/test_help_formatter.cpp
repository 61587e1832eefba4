#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>

#include "cli/help_formatter.hpp"

using flowhook::cli::HelpFormatter;
using flowhook::cli::wrap_text;

namespace {

std::size_t widest_line(const std::string& text) {
    std::istringstream in(text);
    std::size_t widest = 0;
    for (std::string line; std::getline(in, line);) widest = std::max(widest, line.size());
    return widest;
}

}  // namespace

TEST_CASE("wrap_text: paragraphs reflowed, examples kept or broken under themselves") {
    SUBCASE("a paragraph is reflowed to the width; a line ending a sentence ends it") {
        CHECK(wrap_text("one two three\nfour five.\nsix seven\n", 10) ==
              "one two\nthree four\nfive.\nsix seven\n");
        CHECK(wrap_text("Heading:\n  example\n\nafter", 80) == "Heading:\n  example\n\nafter");
    }
    SUBCASE("a word longer than the width gets a line of its own") {
        CHECK(wrap_text("a verylongword b", 6) == "a\nverylongword\nb");
    }
    SUBCASE("an indented line that fits is kept as it is, spaces and all") {
        CHECK(wrap_text("  cmd --x 1      comment\n", 30) == "  cmd --x 1      comment\n");
    }
    SUBCASE("one that does not: the comment below, the command broken with a continuation") {
        CHECK(wrap_text("  flowhook send URL --seed 7 --rate 200 file    a comment here\n", 30) ==
              "  flowhook send URL --seed 7 \\\n      --rate 200 file\n      a comment here\n");
    }
    SUBCASE("columns count characters, not bytes") {
        CHECK(wrap_text("\xC3\xB8\xC3\xB8\xC3\xB8 \xC3\xB8\xC3\xB8", 6) == "\xC3\xB8\xC3\xB8\xC3\xB8 \xC3\xB8\xC3\xB8");
    }
}

TEST_CASE("HelpFormatter: descriptions under their column, one blank line between groups") {
    CLI::App app{"A tool whose description is long enough to be wrapped at forty columns.", "tool"};
    app.formatter(std::make_shared<HelpFormatter>(40));
    app.footer("Footer text that is also long enough to be wrapped somewhere.");
    bool alpha = false, beta = false;
    app.add_flag("--alpha", alpha, "An option with a description that needs three lines at forty")
        ->group("First");
    app.add_flag("--beta", beta, "Short")->group("Second");
    std::string help = app.help();
    CHECK(widest_line(help) <= 40);
    CHECK(help.find("\n\n\n") == std::string::npos);
    CHECK(help.find("First:\n  --alpha") != std::string::npos);
    CHECK(help.find("\n\nSecond:\n") != std::string::npos);
    // 40 columns leave fewer than 24 beside a 30-column name: descriptions go under the names.
    CHECK(help.find("  --alpha\n        An option") != std::string::npos);

    app.formatter(std::make_shared<HelpFormatter>(80));
    help = app.help();
    CHECK(help.find("  --alpha                     An option with a description that needs three\n"
                    "                              lines at forty\n") != std::string::npos);
}

// CLI11 releases differ in the headings, the usage line, the blank lines around the description
// and the footer, and how a default is shown; the help is the same with all of them.
TEST_CASE("HelpFormatter: the same layout with every CLI11 release") {
    CLI::App app{"A tool.", "tool"};
    app.formatter(std::make_shared<HelpFormatter>(80));
    app.footer("Footer text.");
    std::string file, format, token;
    app.add_option("file", file, "A file")->type_name("FILE");
    app.add_option("--format", format, "How to print")->type_name("NAME")->default_str("text");
    app.add_option("--token", token, "A token")->type_name("TOKEN")->envname("TOOL_TOKEN");
    app.add_subcommand("sub", "A subcommand");
    CHECK(app.help() ==
          "A tool.\n"
          "Usage: tool [OPTIONS] [file] [SUBCOMMANDS]\n"
          "\n"
          "Positionals:\n"
          "  file FILE                   A file\n"
          "\n"
          "Options:\n"
          "  -h,--help                   Print this help message and exit\n"
          "  --format NAME=text          How to print\n"
          "  --token TOKEN (Env:TOOL_TOKEN)\n"
          "                              A token\n"
          "\n"
          "Subcommands:\n"
          "  sub                         A subcommand\n"
          "\n"
          "Footer text.\n");
}

// --help-all goes through make_expanded, whose parameters changed in CLI11 2.5
// (FLOWHOOK_CLI11_EXPANDED_HAS_MODE): each subcommand is expanded with its options.
TEST_CASE("HelpFormatter: --help-all expands every subcommand") {
    CLI::App app{"A tool.", "tool"};
    app.formatter(std::make_shared<HelpFormatter>(80));
    bool verbose = false;
    app.add_subcommand("sub", "A subcommand")->add_flag("--verbose", verbose, "Say more");
    std::string all = app.help("", CLI::AppFormatMode::All);
    CHECK(all.find("Subcommands:\nsub\n") != std::string::npos);
    CHECK(all.find("A subcommand") != std::string::npos);
    CHECK(all.find("--verbose") != std::string::npos);
    CHECK(app.help().find("--verbose") == std::string::npos);
}
