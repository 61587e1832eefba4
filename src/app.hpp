#pragma once
// The flowhook command line: builds the CLI11 app, registers the subcommands, and is the one
// place that catches errors, prints them and maps them to exit codes.

namespace flowhook {

// Runs flowhook with the given arguments and returns the process exit code.
int run(int argc, char** argv);

}  // namespace flowhook
