#include <doctest/doctest.h>

#include <string>

#include "check/check.hpp"
#include "generate/generate.hpp"
#include "listen/listen.hpp"
#include "send/send.hpp"
#include "validate/validate.hpp"

namespace {

// The option that a config file key named like the positional would set, or nullptr.
const CLI::Option* option_named_like(const CLI::App& sub, const CLI::Option& positional) {
    std::string name = positional.get_single_name();
    return sub.get_option_no_throw((name.size() == 1 ? "-" : "--") + name);
}

}  // namespace

// CLI11 2.4 and later refuse a positional named like an option of its subcommand (every
// flowhook command then aborted at start-up); 2.1 accepts it, so this test is what catches a
// new clash on Debian 12.
TEST_CASE("no subcommand has a positional named like one of its options") {
    CLI::App app{"", "flowhook"};
    for (const flowhook::cli::Subcommand& sub :
         {flowhook::validate::setup_validate(app), flowhook::generate::setup_generate(app),
          flowhook::send::setup_send(app), flowhook::listen::setup_listen(app),
          flowhook::check::setup_check(app)}) {
        for (const CLI::Option* option : sub.app->get_options()) {
            if (!option->get_lnames().empty() || !option->get_snames().empty()) continue;
            CAPTURE(sub.app->get_name());
            CAPTURE(option->get_single_name());
            CHECK(option_named_like(*sub.app, *option) == nullptr);
        }
    }
}
