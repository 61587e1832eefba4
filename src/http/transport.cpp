#include "http/transport.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "platform/platform.hpp"
#include "util/error.hpp"

namespace flowhook::http {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto k_cancel_poll = std::chrono::milliseconds(50);

enum class Wait { ready, timeout, interrupted };

// Waits for `events` on `fd` until the deadline, looking at the cancel flag every 50 ms.
Wait wait_for(int fd, short events, Deadline deadline, const std::atomic<bool>* cancel) {
    for (;;) {
        if (cancel && cancel->load()) return Wait::interrupted;
        auto now = Clock::now();
        if (now >= deadline) return Wait::timeout;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) +
                    std::chrono::milliseconds(1);
        if (cancel) left = std::min<std::chrono::milliseconds>(left, k_cancel_poll);
        pollfd p{fd, events, 0};
        int rc = ::poll(&p, 1, static_cast<int>(left.count()));
        if (rc > 0) return Wait::ready;
        if (rc < 0 && errno != EINTR) return Wait::ready;  // the next call reports the error
    }
}

Failure wait_failure(Wait wait) {
    return wait == Wait::interrupted ? interrupted_failure() : timeout_failure();
}

std::string address_text(const sockaddr* address) {
    char text[INET6_ADDRSTRLEN] = "?";
    if (address->sa_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text,
                    sizeof text);
    else if (address->sa_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
                    sizeof text);
    return text;
}

bool is_ip_literal(const std::string& host) {
    in6_addr v6{};
    in_addr v4{};
    return ::inet_pton(AF_INET, host.c_str(), &v4) == 1 ||
           ::inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

// Whether something accepts connections on 127.0.0.1:port (for the ::1 hint).
bool ipv4_loopback_accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);  // closed before this returns
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool accepted = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return accepted;
}

std::string openssl_reason() {
    unsigned long code = ERR_peek_last_error();
    const char* reason = code ? ERR_reason_error_string(code) : nullptr;
    ERR_clear_error();
    return reason ? reason : "";
}

// The names a certificate is for: its DNS and IP subject alternative names, else its CN.
std::string certificate_names(X509* certificate) {
    std::string names;
    auto add = [&](std::string name) {
        names += (names.empty() ? "\"" : ", \"") + name + "\"";
    };
    auto* alternatives = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; alternatives && i < sk_GENERAL_NAME_num(alternatives); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(alternatives, i);
        if (name->type == GEN_DNS) {
            const ASN1_STRING* text = name->d.dNSName;
            add(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                            static_cast<std::size_t>(ASN1_STRING_length(text))));
        } else if (name->type == GEN_IPADD) {
            const ASN1_STRING* bytes = name->d.iPAddress;
            char text[INET6_ADDRSTRLEN] = "?";
            int length = ASN1_STRING_length(bytes);
            if (length == 4 || length == 16)
                ::inet_ntop(length == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(bytes), text,
                            sizeof text);
            add(text);
        }
    }
    if (alternatives) GENERAL_NAMES_free(alternatives);
    if (names.empty()) {
        char common_name[256] = "";
        if (X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName,
                                      common_name, sizeof common_name) > 0)
            add(common_name);
    }
    return names.empty() ? "no name" : names;
}

std::string certificate_end(X509* certificate) {
    BIO* bio = BIO_new(BIO_s_mem());
    ASN1_TIME_print(bio, X509_get0_notAfter(certificate));
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(std::max(0L, size)));
    BIO_free(bio);
    return text;
}

Failure verification_failure(long result, X509* certificate, const std::string& host) {
    switch (result) {
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return {FailureKind::tls, "certificate name mismatch: asked for \"" + host +
                                          "\", the certificate is for " +
                                          certificate_names(certificate)};
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return {FailureKind::tls, "the certificate expired (" + certificate_end(certificate) +
                                          ")"};
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return {FailureKind::tls, "the certificate is not valid yet"};
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            return {FailureKind::tls,
                    "the certificate is signed by an unknown CA (use --cacert FILE, or "
                    "--insecure)"};
        default:
            return {FailureKind::tls, std::string("certificate verification failed: ") +
                                          X509_verify_cert_error_string(result)};
    }
}

// The first bytes of a TLS record the peer sent: "HTTP/" when it speaks plain HTTP.
void remember_record_header(int write_p, int, int content_type, const void* data, std::size_t size,
                            SSL*, void* arg) {
    auto* first = static_cast<std::string*>(arg);
    if (write_p || content_type != SSL3_RT_HEADER || !first->empty()) return;
    first->assign(static_cast<const char*>(data), std::min<std::size_t>(size, 5));
}

}  // namespace

Failure timeout_failure() {
    return {FailureKind::timeout, "no complete answer within the timeout"};
}

Failure interrupted_failure() { return {FailureKind::interrupted, "interrupted"}; }

struct TlsContext::Impl {
    SSL_CTX* context = nullptr;
    bool insecure = false;
};

void check_ca_file(const std::string& option, const std::string& path) {
    BIO* bio = BIO_new_file(path.c_str(), "r");
    if (!bio) {
        ERR_clear_error();
        throw Error(option + ": cannot read " + path);
    }
    int certificates = 0;
    while (X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        ++certificates;
        X509_free(certificate);
    }
    ERR_clear_error();
    BIO_free(bio);
    if (certificates == 0)
        throw Error(option + ": " + path + " holds no PEM certificate (BEGIN CERTIFICATE)");
}

TlsContext::TlsContext(const std::string& cacert, bool insecure) : m_impl(std::make_unique<Impl>()) {
    // OpenSSL writes with write(2), not send(MSG_NOSIGNAL): a peer that closes while a request
    // is being written must end that attempt, not the process (listen --forward-to included).
    std::signal(SIGPIPE, SIG_IGN);
    m_impl->insecure = insecure;
    if (!cacert.empty()) check_ca_file("--cacert", cacert);  // before anything that needs freeing
    m_impl->context = SSL_CTX_new(TLS_client_method());
    if (!m_impl->context) throw Error("cannot set up TLS: " + openssl_reason(), k_exit_failed);
    SSL_CTX_set_min_proto_version(m_impl->context, TLS1_2_VERSION);
    // An answer ended by closing the connection without close_notify is an end, not an error.
    SSL_CTX_set_options(m_impl->context, SSL_OP_IGNORE_UNEXPECTED_EOF);
    if (!cacert.empty()) {
        if (SSL_CTX_load_verify_locations(m_impl->context, cacert.c_str(), nullptr) != 1) {
            SSL_CTX_free(m_impl->context);  // the destructor does not run for a throw from here
            throw Error("--cacert: cannot load " + cacert + ": " + openssl_reason());
        }
    } else {
        SSL_CTX_set_default_verify_paths(m_impl->context);
    }
}

TlsContext::~TlsContext() { SSL_CTX_free(m_impl->context); }
bool TlsContext::insecure() const { return m_impl->insecure; }

struct ClientSocket::Impl {
    const std::atomic<bool>* cancel;
    TlsContext* tls;
    int fd = -1;
    SSL* ssl = nullptr;
    std::string first_record;  // the first 5 bytes the peer sent during the handshake

    std::optional<Failure> connect_tcp(const Url& url, Deadline deadline);
    std::optional<Failure> handshake(const Url& url, Deadline deadline);
    std::optional<Failure> connect_one(const addrinfo* address, Deadline deadline, int& error);
};

ClientSocket::ClientSocket(const std::atomic<bool>* cancel, TlsContext* tls)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->cancel = cancel;
    m_impl->tls = tls;
}

ClientSocket::~ClientSocket() { close(); }

bool ClientSocket::is_open() const { return m_impl->fd >= 0; }

void ClientSocket::close() {
    if (m_impl->ssl) {
        SSL_free(m_impl->ssl);
        m_impl->ssl = nullptr;
    }
    if (m_impl->fd >= 0) ::close(m_impl->fd);
    m_impl->fd = -1;
}

std::optional<Failure> ClientSocket::Impl::connect_one(const addrinfo* address, Deadline deadline,
                                                     int& error) {
    fd = platform::open_socket(address->ai_family, address->ai_socktype, address->ai_protocol);
    if (fd < 0) {
        error = errno;
        return Failure{};
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, address->ai_addr, address->ai_addrlen) != 0 && errno != EINPROGRESS) {
        error = errno;
        return Failure{};
    }
    if (Wait wait = wait_for(fd, POLLOUT, deadline, cancel); wait != Wait::ready) {
        Failure failure = wait_failure(wait);
        if (wait == Wait::timeout) failure.detail = "connect timed out";
        return failure;
    }
    socklen_t length = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    return error ? std::optional<Failure>(Failure{}) : std::nullopt;
}

std::optional<Failure> ClientSocket::Impl::connect_tcp(const Url& url, Deadline deadline) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_family = AF_UNSPEC;
    addrinfo* found = nullptr;
    std::string port = std::to_string(url.port);
    if (::getaddrinfo(url.host.c_str(), port.c_str(), &hints, &found) != 0 || !found)
        return Failure{FailureKind::dns, "cannot resolve host \"" + url.host + "\""};
    std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, ::freeaddrinfo);
    std::string tried;
    bool only_ipv6_loopback = true;
    int error = 0;
    // Every address in turn, as curl and Go do: "localhost" may be ::1 and 127.0.0.1.
    for (const addrinfo* address = found; address; address = address->ai_next) {
        std::optional<Failure> failure = connect_one(address, deadline, error);
        if (!failure) return std::nullopt;
        ::close(fd);
        fd = -1;
        if (failure->kind != FailureKind::other) return failure;  // timeout, interrupted
        tried += (tried.empty() ? "" : ", ") + address_text(address->ai_addr);
        only_ipv6_loopback = only_ipv6_loopback && address->ai_family == AF_INET6 &&
                             IN6_IS_ADDR_LOOPBACK(
                                 &reinterpret_cast<const sockaddr_in6*>(address->ai_addr)->sin6_addr);
    }
    if (error != ECONNREFUSED)
        return Failure{FailureKind::refused, "cannot connect: " + std::string(std::strerror(error))};
    Failure refused{FailureKind::refused, "connection refused"};
    if (tried != url.host) refused.detail += " (" + tried + ")";
    if (only_ipv6_loopback && ipv4_loopback_accepts(url.port))
        refused.hint = (is_ip_literal(url.host)
                            ? "nothing listens on ::1 port " + port
                            : "\"" + url.host + "\" resolves to ::1 only here") +
                       ", but 127.0.0.1 does: use " + url.scheme + "://127.0.0.1:" + port +
                       url.target;
    return refused;
}

std::optional<Failure> ClientSocket::Impl::handshake(const Url& url, Deadline deadline) {
    ssl = SSL_new(tls->impl().context);
    SSL_set_fd(ssl, fd);
    if (is_ip_literal(url.host)) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url.host.c_str());
    } else {
        SSL_set_tlsext_host_name(ssl, url.host.c_str());
        SSL_set1_host(ssl, url.host.c_str());
    }
    // The certificate is checked once the handshake is done, so a failure can say what the
    // certificate holds; nothing is sent before that check.
    SSL_set_verify(ssl, SSL_VERIFY_NONE, nullptr);
    first_record.clear();
    SSL_set_msg_callback(ssl, remember_record_header);
    SSL_set_msg_callback_arg(ssl, &first_record);
    for (;;) {
        int rc = SSL_connect(ssl);
        if (rc == 1) break;
        int error = SSL_get_error(ssl, rc);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            Wait wait = wait_for(fd, error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline,
                                 cancel);
            if (wait != Wait::ready) return wait_failure(wait);
            continue;
        }
        std::string reason = openssl_reason();
        if (first_record.rfind("HTTP", 0) == 0 || first_record.rfind("<", 0) == 0) {
            Failure failure{FailureKind::tls, "the receiver answered in plain HTTP, not TLS"};
            failure.hint = "the port speaks plain HTTP: use http:// instead of https://";
            return failure;
        }
        if (first_record.empty())
            return Failure{FailureKind::tls,
                           "TLS handshake failed: the connection was closed before the receiver "
                           "answered"};
        return Failure{FailureKind::tls,
                       "TLS handshake failed" + (reason.empty() ? "" : ": " + reason)};
    }
    SSL_set_msg_callback(ssl, nullptr);
    if (tls->insecure()) return std::nullopt;
    long result = SSL_get_verify_result(ssl);
    X509* certificate = SSL_get1_peer_certificate(ssl);
    if (!certificate) return Failure{FailureKind::tls, "the receiver sent no certificate"};
    std::optional<Failure> failure;
    if (result != X509_V_OK) failure = verification_failure(result, certificate, url.host);
    X509_free(certificate);
    return failure;
}

std::optional<Failure> ClientSocket::open(const Url& url, Deadline deadline) {
    close();
    if (std::optional<Failure> failure = m_impl->connect_tcp(url, deadline)) return failure;
    if (!url.https()) return std::nullopt;
    std::optional<Failure> failure = m_impl->handshake(url, deadline);
    if (failure) close();
    return failure;
}

bool ClientSocket::idle_and_usable() const {
    if (m_impl->fd < 0) return false;
    for (int round = 0; round < 8; ++round) {
        pollfd p{m_impl->fd, POLLIN, 0};
        if (::poll(&p, 1, 0) == 0) return true;
        if (!m_impl->ssl) return false;  // closed, or bytes nobody asked for
        // TLS 1.3 session tickets arrive unasked and are no reason to reconnect.
        char byte;
        int rc = SSL_peek(m_impl->ssl, &byte, 1);
        if (rc > 0 || SSL_get_error(m_impl->ssl, rc) != SSL_ERROR_WANT_READ) {
            ERR_clear_error();
            return false;
        }
    }
    return false;
}

std::optional<Failure> ClientSocket::write_all(std::string_view data, Deadline deadline) {
    Impl& impl = *m_impl;
    while (!data.empty()) {
        ssize_t written;
        int want = POLLOUT;
        if (impl.ssl) {
            written = SSL_write(impl.ssl, data.data(), static_cast<int>(std::min<std::size_t>(
                                                           data.size(), 1 << 30)));
            if (written <= 0) {
                int error = SSL_get_error(impl.ssl, static_cast<int>(written));
                ERR_clear_error();
                if (error == SSL_ERROR_WANT_READ)
                    want = POLLIN;
                else if (error != SSL_ERROR_WANT_WRITE)
                    return Failure{FailureKind::reset, "connection closed or reset while sending"};
                written = 0;
            }
        } else {
            written = platform::send_data(impl.fd, data.data(), data.size());
            if (written < 0) {
                if (errno != EAGAIN && errno != EINTR)
                    return Failure{FailureKind::reset, "connection closed or reset while sending"};
                written = 0;
            }
        }
        data.remove_prefix(static_cast<std::size_t>(written));
        if (!data.empty() && written == 0) {
            Wait wait = wait_for(impl.fd, static_cast<short>(want), deadline, impl.cancel);
            if (wait != Wait::ready) return wait_failure(wait);
        }
    }
    return std::nullopt;
}

ClientSocket::Read ClientSocket::read_some(char* buffer, std::size_t capacity, Deadline deadline) {
    Impl& impl = *m_impl;
    const Failure reset{FailureKind::reset,
                        "connection closed or reset before the answer was complete"};
    for (;;) {
        int want = POLLIN;
        if (impl.ssl) {
            int rc = SSL_read(impl.ssl, buffer, static_cast<int>(std::min<std::size_t>(capacity, 1 << 30)));
            if (rc > 0) return {static_cast<std::size_t>(rc), std::nullopt};
            int error = SSL_get_error(impl.ssl, rc);
            ERR_clear_error();
            if (error == SSL_ERROR_ZERO_RETURN) return {0, std::nullopt};
            if (error == SSL_ERROR_WANT_WRITE)
                want = POLLOUT;
            else if (error != SSL_ERROR_WANT_READ)
                return {0, reset};
        } else {
            ssize_t got = ::recv(impl.fd, buffer, capacity, 0);
            if (got > 0) return {static_cast<std::size_t>(got), std::nullopt};
            if (got == 0) return {0, std::nullopt};
            if (errno != EAGAIN && errno != EINTR) return {0, reset};
        }
        Wait wait = wait_for(impl.fd, static_cast<short>(want), deadline, impl.cancel);
        if (wait != Wait::ready) return {0, wait_failure(wait)};
    }
}

}  // namespace flowhook::http
