// A webhook receiver written with cpp-httplib's documented server API, for flowhook send's
// interop tests: C++ users build receivers on it. Same interface as node_receiver.js: prints
// its port on the first line of stdout, answers each request with the next step of
// --answers STATUS,STATUS,... (the last repeats; body "status N"), and logs each request to
// --log FILE as one JSON line (method, path, remote_port, headers, body_base64) before
// answering. SIGTERM stops it.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string base64(const std::string& in) {
    static const char k_digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        unsigned n = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
        for (int shift : {18, 12, 6, 0}) out += k_digits[(n >> shift) & 63];
    }
    if (i < in.size()) {
        unsigned n = (unsigned char)in[i] << 16 | (i + 1 < in.size() ? (unsigned char)in[i + 1] << 8 : 0);
        out += k_digits[(n >> 18) & 63];
        out += k_digits[(n >> 12) & 63];
        out += i + 1 < in.size() ? k_digits[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string log_line(const httplib::Request& request) {
    std::ostringstream line;
    std::string target = request.path;
    if (!request.params.empty()) {
        std::string query;
        for (const auto& [name, value] : request.params) query += (query.empty() ? "" : "&") + name + "=" + value;
        target += "?" + query;
    }
    line << "{\"method\":" << json_string(request.method) << ",\"path\":" << json_string(target)
         << ",\"remote_port\":" << request.remote_port << ",\"headers\":[";
    bool first = true;
    for (const auto& [name, value] : request.headers) {
        line << (first ? "" : ",") << "[" << json_string(name) << "," << json_string(value) << "]";
        first = false;
    }
    line << "],\"body_base64\":\"" << base64(request.body) << "\"}\n";
    return line.str();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> answers{200};
    std::string log_path;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--answers" && i + 1 < argc) {
            answers.clear();
            std::stringstream list(argv[++i]);
            for (std::string step; std::getline(list, step, ',');) answers.push_back(std::stoi(step));
        } else if (arg == "--log" && i + 1 < argc) {
            log_path = argv[++i];
        } else {
            std::fprintf(stderr, "unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    // SIGTERM is blocked in every thread; one thread waits for it and stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::mutex mutex;
    std::size_t count = 0;
    httplib::Server server;
    server.Post(".*", [&](const httplib::Request& request, httplib::Response& response) {
        int status;
        {
            std::lock_guard lock(mutex);
            if (!log_path.empty()) std::ofstream(log_path, std::ios::app) << log_line(request);
            status = answers[std::min(count++, answers.size() - 1)];
        }
        response.status = status;
        response.set_content("status " + std::to_string(status), "text/plain");
    });
    int port = server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        std::fprintf(stderr, "cannot bind 127.0.0.1\n");
        return 1;
    }
    std::printf("%d\n", port);
    std::fflush(stdout);
    std::thread stopper([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
    });
    server.listen_after_bind();
    stopper.join();
    return 0;
}
