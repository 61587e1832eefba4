#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "http/server.hpp"

using namespace flowhook::http;

namespace {

// A blocking client socket to 127.0.0.1:port whose reads give up after two seconds.
int connect_to(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval limit{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    return fd;
}

void post(int fd, const std::string& body) {
    std::string request = "POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\n\r\n" + body;
    REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
}

// Reads one whole answer (head and a body of Content-Length bytes); empty on timeout or close.
std::string read_answer(int fd) {
    std::string text;
    char buffer[4096];
    for (;;) {
        std::size_t head_end = text.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            std::size_t at = text.find("Content-Length: ");
            std::size_t length = at == std::string::npos ? 0 : std::stoul(text.substr(at + 16));
            if (text.size() >= head_end + 4 + length) return text;
        }
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return {};
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

// A server on a free port of 127.0.0.1, run on its own thread until the end of the scope.
struct Running {
    explicit Running(Server::Handler handler) : server(options(), std::move(handler), nullptr) {
        port = server.bind();
        thread = std::thread([this] { server.run(); });
    }
    ~Running() {
        server.stop();
        thread.join();
    }
    static ServerOptions options() {
        ServerOptions options;
        options.port = 0;
        return options;
    }
    Server server;
    int port = 0;
    std::thread thread;
};

}  // namespace

TEST_CASE("Server: a handler may answer before it returns") {
    std::mutex mutex;
    std::condition_variable changed;
    bool client_has_answer = false;
    bool handler_waited = false;
    Running running([&](Request& request) {
        Answer answer;
        answer.body = "early";
        REQUIRE(request.answer_now);
        request.answer_now(answer);
        // The client must get the answer while the handler is still running.
        std::unique_lock lock(mutex);
        handler_waited = changed.wait_for(lock, std::chrono::seconds(5), [&] { return client_has_answer; });
        answer.body = "too late";  // ignored: the answer is already sent
        return answer;
    });
    int fd = connect_to(running.port);
    post(fd, "{}");
    std::string answer = read_answer(fd);
    CHECK(answer.find("HTTP/1.1 200 OK") == 0);
    CHECK(answer.substr(answer.size() - 5) == "early");
    {
        std::lock_guard lock(mutex);
        client_has_answer = true;
    }
    changed.notify_all();
    // The connection stays open for the next request, answered the ordinary way too.
    post(fd, "{}");
    CHECK(read_answer(fd).find("HTTP/1.1 200 OK") == 0);
    ::close(fd);
    std::lock_guard lock(mutex);
    CHECK(handler_waited);
}

TEST_CASE("Server: keep-alive requests one after another are all answered, in order") {
    Running running([](Request& request) {
        Answer answer;
        answer.body = request.body;
        return answer;
    });
    int fd = connect_to(running.port);
    for (int i = 0; i < 50; ++i) {
        std::string body = "{\"n\":" + std::to_string(i) + "}";
        post(fd, body);
        std::string answer = read_answer(fd);
        REQUIRE(answer.size() >= body.size());
        CHECK(answer.substr(answer.size() - body.size()) == body);
        // Now and then the client pauses past the worker's wait, so the gatekeeper takes over.
        if (i % 10 == 9) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::close(fd);
}
