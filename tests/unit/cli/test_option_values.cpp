#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "cli/option_values.hpp"

using namespace flowhook;

namespace {

// What the validator says of `text`: "" when it accepts it.
std::string verdict(CLI::Validator validator, std::string text) { return validator(text); }

// Parses `args` (after the program name) into `app`; returns CLI11's message, "" when it parsed.
std::string parse(CLI::App& app, std::vector<std::string> args) {
    std::reverse(args.begin(), args.end());
    try {
        app.parse(args);
        return "";
    } catch (const CLI::ParseError& e) {
        return e.what();
    }
}

}  // namespace

TEST_CASE("whole_number") {
    SUBCASE("accepts the bounds and what lies between") {
        CHECK(verdict(cli::whole_number("a port number", 0, 65535), "0") == "");
        CHECK(verdict(cli::whole_number("a port number", 0, 65535), "65535") == "");
        CHECK(verdict(cli::whole_number("a whole number", 0), "18446744073709551615") == "");
    }
    SUBCASE("refuses what is out of range, with the range") {
        CHECK(verdict(cli::whole_number("a port number", 0, 65535), "65536") ==
              "\"65536\" is not a port number from 0 to 65535");
        CHECK(verdict(cli::whole_number("a number of payloads", 1), "0") ==
              "\"0\" is not a number of payloads (1 or more)");
    }
    SUBCASE("refuses what is not digits, never wrapping past 2^64") {
        for (const char* text : {"", "-1", "+1", "1.5", "1e3", " 1", "1 ", "0x10", "abc"})
            CHECK(verdict(cli::whole_number("a number of retries", 0, 10), text) ==
                  "\"" + std::string(text) + "\" is not a number of retries from 0 to 10");
        CHECK(verdict(cli::whole_number("a whole number", 0), "18446744073709551616") ==
              "\"18446744073709551616\" is not a whole number from 0 to 18446744073709551615");
    }
}

TEST_CASE("decimal_number") {
    CHECK(verdict(cli::decimal_number("a rate", 0), "0") == "");
    CHECK(verdict(cli::decimal_number("a rate", 0), "2.5") == "");
    for (const char* text : {"-1", "-0.5", "nan", "inf", "x", "", "1,5"})
        CHECK(verdict(cli::decimal_number("a rate", 0), text) ==
              "\"" + std::string(text) + "\" is not a rate (0 or more)");
}

TEST_CASE("check_combinations") {
    CLI::App app{"test"};
    CLI::App* sub = app.add_subcommand("send");
    bool no_retry = false, quiet = false, verbose = false;
    int retries = 10;
    auto* no = sub->add_flag("--no-retry", no_retry);
    auto* tries = sub->add_option("--retries", retries);
    auto* q = sub->add_flag("-q,--quiet", quiet);
    auto* v = sub->add_flag("-v,--verbose", verbose);
    cli::check_combinations(*sub, {{no, tries, "one attempt"}, cli::quiet_and_verbose(q, v)});

    SUBCASE("one of each pair is fine") { CHECK(parse(app, {"send", "--no-retry", "-q"}) == ""); }
    SUBCASE("both, in either order, say why") {
        CHECK(parse(app, {"send", "--retries", "3", "--no-retry"}) ==
              "--no-retry and --retries exclude each other: one attempt");
        CHECK(parse(app, {"send", "-v", "-q"}) ==
              "--quiet and --verbose exclude each other: give one or neither");
    }
}

TEST_CASE("value_source") {
    CLI::App app{"test"};
    CLI::App* sub = app.add_subcommand("send");
    std::string url, basic;
    auto* url_option = sub->add_option("--url", url)->envname("FLOWHOOK_TEST_URL");
    auto* basic_option = sub->add_option("--basic", basic)->envname("FLOWHOOK_TEST_BASIC");
    ::setenv("FLOWHOOK_TEST_URL", "http://env/", 1);
    ::unsetenv("FLOWHOOK_TEST_BASIC");
    REQUIRE(parse(app, {"send", "--basic", "a:b"}) == "");
    CHECK(url == "http://env/");
    CHECK(cli::source_of(*sub, *url_option) == cli::ValueSource::environment);
    CHECK(cli::value_source(*sub, *url_option) == "FLOWHOOK_TEST_URL");
    CHECK(cli::source_of(*sub, *basic_option) == cli::ValueSource::command_line);
    CHECK(cli::value_source(*sub, *basic_option) == "--basic");
    ::unsetenv("FLOWHOOK_TEST_URL");
}

TEST_CASE("seed_or_fresh") {
    CHECK(cli::seed_or_fresh(7) == 7);
    CHECK(cli::seed_or_fresh(std::nullopt) != cli::seed_or_fresh(std::nullopt));  // 2^-64 to fail
}
