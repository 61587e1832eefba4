#pragma once
// One client connection, as the gatekeeper and the workers hand it to each other.

#include <chrono>
#include <cstddef>
#include <string>

#include "http/request_parser.hpp"

namespace flowhook::http {

using Clock = std::chrono::steady_clock;

struct Endpoint {
    std::string ip;
    int port = 0;
    std::string text() const;  // "127.0.0.1:53412", "[::1]:53412"
};

// Whoever holds the Connection owns its socket: the gatekeeper while a request arrives, a
// worker while it is answered.
struct Connection {
    Connection(int socket, const RequestLimits& limits);
    ~Connection();  // closes the socket
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    int fd;
    Endpoint remote;
    Endpoint local;
    std::string input;  // bytes read and not yet parsed
    RequestParser parser;
    Clock::time_point deadline;
    bool reading = false;   // a request has begun arriving
    bool draining = false;  // refused: reading and discarding until close
    std::size_t drained = 0;
    std::size_t served = 0;  // requests answered on this connection
};

}  // namespace flowhook::http
