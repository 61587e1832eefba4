#pragma once
// What every subcommand module provides to app.cpp.

#include <functional>

#include <CLI/CLI.hpp>

namespace flowhook::cli {

// A registered subcommand: its CLI11 node, and the action to run once it has been parsed.
struct Subcommand {
    CLI::App* app = nullptr;
    std::function<int()> run;  // returns the exit code; throws flowhook::Error
};

}  // namespace flowhook::cli
