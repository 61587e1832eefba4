// The ceiling of cpp-httplib for `flowhook listen --record`: a bare server with the library's
// default settings whose POST handler parses the body with RapidJSON, appends it to a file as
// one compact line with one write(2), and answers 200 (400 when the body is not JSON).
//
// Usage: httplib_server FILE
// Listens on a free port of 127.0.0.1 and prints "listening on http://127.0.0.1:PORT/" on
// stderr, as flowhook listen does. SIGINT or SIGTERM stops it cleanly (exit 0), so a profiler
// such as callgrind sees a normal exit.
#include <fcntl.h>
#include <httplib.h>
#include <pthread.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: httplib_server FILE\n");
        return 2;
    }
    int out = ::open(argv[1], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (out < 0) {
        std::perror(argv[1]);
        return 2;
    }
    // Block the stop signals in every thread; one thread waits for them and stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    httplib::Server server;
    server.Post(".*", [out](const httplib::Request& request, httplib::Response& response) {
        rapidjson::Document body;
        body.Parse(request.body.data(), request.body.size());
        if (body.HasParseError()) {
            response.status = 400;
            return;
        }
        rapidjson::StringBuffer line;
        rapidjson::Writer<rapidjson::StringBuffer> writer(line);
        body.Accept(writer);
        line.Put('\n');
        // O_APPEND and one write per line: lines from concurrent handlers never interleave.
        if (::write(out, line.GetString(), line.GetSize()) < 0) response.status = 500;
        else response.status = 200;
    });
    int port = server.bind_to_any_port("127.0.0.1");
    if (port < 0) {
        std::fprintf(stderr, "httplib_server: cannot bind 127.0.0.1\n");
        return 2;
    }
    std::thread waiter([&server, stop_signals] {
        int received = 0;
        sigwait(&stop_signals, &received);
        server.stop();
    });
    waiter.detach();
    std::fprintf(stderr, "listening on http://127.0.0.1:%d/\n", port);
    std::fflush(stderr);
    server.listen_after_bind();
    ::close(out);
    return 0;
}
