// Arbitrary bytes as what a client sends to flowhook listen, delivered in pieces of varying
// size: the parser must assemble pipelined requests or refuse, within its limits, never crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/request_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    flowhook::http::RequestLimits limits;
    limits.max_request_line = 256;
    limits.max_header_line = 256;
    limits.max_head = 2048;
    limits.max_headers = 16;
    limits.max_body = 4096;
    flowhook::http::RequestParser parser(limits);
    std::size_t piece = 1 + data[0] % 64;  // how the bytes arrive: 1 to 64 at a time
    std::string input;
    for (std::size_t at = 1; at < size; at += piece) {
        input.append(reinterpret_cast<const char*>(data) + at, std::min(piece, size - at));
        for (;;) {
            auto progress = parser.feed(input);
            if (progress == flowhook::http::Progress::refused) return 0;
            if (progress == flowhook::http::Progress::need_more) break;
            parser.take_continue_request();
            auto request = parser.take();
            if (request.body.size() > limits.max_body) __builtin_trap();
        }
        if (input.size() > limits.max_head + limits.max_body + piece) __builtin_trap();
    }
    return 0;
}
