#pragma once
// The error type every layer throws when it cannot do its work, and the exit codes app.cpp maps
// it to. Only app.cpp catches and prints.

#include <stdexcept>
#include <string>

namespace flowhook {

// Exit codes, documented in --help, the README and the man page.
inline constexpr int k_exit_ok = 0;      // every payload valid / delivered
inline constexpr int k_exit_failed = 1;  // a payload was invalid, or a receiver failed it
inline constexpr int k_exit_usage = 2;   // usage error, or input that cannot be read
inline constexpr int k_exit_interrupted = 130;

// A problem that stops a subcommand before it can do its work (bad option values, unreadable
// input). app.cpp prints it as "flowhook: <subcommand>: <message>".
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, int exit_code = k_exit_usage)
        : std::runtime_error(message), m_exit_code(exit_code) {}
    int exit_code() const { return m_exit_code; }

private:
    int m_exit_code;
};

}  // namespace flowhook
