# What differs in CLI11's public interface between the releases flowhook supports (2.1 on
# Debian 12 to 2.6 on sid and Homebrew), probed by compiling against the CLI11 that was found,
# never by its version number. Sets, for src/cli/help_formatter.cpp:
#   FLOWHOOK_CLI11_EXPANDED_HAS_MODE  Formatter::make_expanded takes the AppFormatMode too
#                                     (CLI11 2.5 and later; before, only the app).
include(CheckCXXSourceCompiles)
include(CMakePushCheckState)

cmake_push_check_state(RESET)
set(CMAKE_REQUIRED_LIBRARIES CLI11::CLI11)
check_cxx_source_compiles([[
#include <CLI/CLI.hpp>
struct Probe : CLI::Formatter {
    std::string expanded(const CLI::App* app) const {
        return make_expanded(app, CLI::AppFormatMode::Sub);
    }
};
int main() { return Probe{}.expanded(nullptr).empty() ? 0 : 1; }
]] FLOWHOOK_CLI11_EXPANDED_HAS_MODE)
cmake_pop_check_state()
