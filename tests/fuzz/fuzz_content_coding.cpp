// Arbitrary bytes as a gzip or deflate body: decoding never exceeds its bound, never crashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/content_coding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static constexpr std::string_view k_codings[] = {"gzip", "deflate", "deflate, gzip", "x-gzip"};
    std::string_view coding = k_codings[data[0] % 4];
    std::size_t limit = 1 + (data[0] >> 2) * 1024;  // 1 byte to 63 KiB
    std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    auto decoded = flowhook::http::decode_content(coding, body, limit);
    if (decoded.outcome == flowhook::http::Decoded::Outcome::ok && decoded.body.size() > limit) std::abort();
    if (decoded.outcome != flowhook::http::Decoded::Outcome::ok && decoded.reason.empty()) std::abort();
    return 0;
}
