#include "util/gzip.hpp"

#include <zlib.h>

#include "util/error.hpp"

namespace flowhook::util {

std::string gzip_compress(std::string_view data) {
    z_stream stream{};
    // 15 window bits + 16: a gzip header and trailer around the deflate stream.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        throw Error("gzip: zlib cannot start", k_exit_failed);
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END) throw Error("gzip: zlib failed to compress", k_exit_failed);
    return out;
}

}  // namespace flowhook::util
