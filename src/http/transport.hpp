#pragma once
// One TCP connection, optionally TLS, whose every step (connect, handshake, each read and write)
// ends by a deadline or when the user cancels. Each way it can fail becomes a Failure a person
// can act on: the TLS ones say what the certificate holds and what was asked for.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/client.hpp"

namespace flowhook::http {

using Deadline = std::chrono::steady_clock::time_point;

// The TLS settings shared by the connections of one client: the trusted CAs, loaded once.
class TlsContext {
  public:
    // Loads `cacert` (empty: the system's CAs). Throws flowhook::Error (exit 2, naming the file)
    // when the file cannot be read or holds no certificate.
    TlsContext(const std::string& cacert, bool insecure);
    ~TlsContext();
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;

    struct Impl;
    Impl& impl() { return *m_impl; }
    bool insecure() const;

  private:
    std::unique_ptr<Impl> m_impl;
};

// Checks, before anything is sent, that `path` is a readable PEM file with at least one
// certificate; throws flowhook::Error (exit 2) naming the file otherwise.
void check_ca_file(const std::string& option, const std::string& path);

class ClientSocket {
  public:
    ClientSocket(const std::atomic<bool>* cancel, TlsContext* tls);
    ~ClientSocket();
    ClientSocket(const ClientSocket&) = delete;
    ClientSocket& operator=(const ClientSocket&) = delete;

    // Connects to `url`'s host and port (each address in turn), with the TLS handshake and
    // certificate check for https.
    std::optional<Failure> open(const Url& url, Deadline deadline);
    bool is_open() const;
    // An idle connection the peer closed (or sent something unasked on) is not reused.
    bool idle_and_usable() const;
    void close();

    std::optional<Failure> write_all(std::string_view data, Deadline deadline);
    // Reads some bytes into `buffer`: how many (0 at the end of the stream), or a failure.
    // `failure_detail` is the detail of a reset.
    struct Read {
        std::size_t size = 0;
        std::optional<Failure> failure;
    };
    Read read_some(char* buffer, std::size_t capacity, Deadline deadline);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The "timeout"/"interrupted" failure for a wait that ended at `deadline` or by cancelling.
Failure timeout_failure();
Failure interrupted_failure();

}  // namespace flowhook::http
