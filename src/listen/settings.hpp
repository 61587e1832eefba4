#pragma once
// flowhook listen's options, checked and converted once before anything starts.

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "listen/listen.hpp"
#include "listen/answers.hpp"
#include "listen/printer.hpp"
#include "http/forward.hpp"
#include "http/server.hpp"

namespace flowhook::listen {

// The options, checked and converted.
struct Settings {
    http::ServerOptions server;
    PrintOptions print;
    ResponsePlan plan;
    CredentialCheck credentials;
    std::optional<http::ForwardTarget> forward;
    std::chrono::milliseconds forward_timeout{30000};
    std::chrono::milliseconds delay{0};
    std::chrono::milliseconds timeout_answer{11000};
    std::set<std::string_view> events;  // canonical action names; empty: all
    bool reject_invalid = false;
    std::size_t exit_after = 0;
    std::string record;
    bool fsync = false;
    bool quiet = false;  // nothing printed per delivery
    bool verbose = false;
    int status = 200;  // the plain answer, when the page sets the script back to it
    bool ui = false;   // --ui: the inspector under /_flowhook/
    std::size_t ui_keep = 1000;
    std::size_t ui_keep_bytes = 64 * 1024 * 1024;
};

// Whether HOST (as --host gives it) only takes connections from this machine.
bool is_loopback(std::string_view host);

// Checks every option; throws flowhook::Error (exit 2) naming the first bad one.
Settings check_options(const ListenOptions& options);

}  // namespace flowhook::listen
