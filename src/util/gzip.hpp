#pragma once
// gzip compression of a whole buffer, by zlib.

#include <string>
#include <string_view>

namespace flowhook::util {

// `data` as one gzip member (RFC 1952) at zlib's default level. Throws flowhook::Error (exit 1)
// if zlib fails, which only a lack of memory makes it do.
std::string gzip_compress(std::string_view data);

}  // namespace flowhook::util
