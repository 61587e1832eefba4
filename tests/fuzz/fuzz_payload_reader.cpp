// Arbitrary bytes as a file: split into payloads (document, array or NDJSON), parse each in
// situ, validate, and ask for every finding's position, with a tiny buffer to exercise growth.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include <rapidjson/document.h>

#include "schema/payload_reader.hpp"
#include "schema/validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    int fd = memfd_create("fuzz", 0);
    if (fd < 0) return 0;
    if (size > 0 && ::write(fd, data, size) != static_cast<ssize_t>(size)) {
        ::close(fd);
        return 0;
    }
    ::lseek(fd, 0, SEEK_SET);
    flowhook::schema::PayloadReader reader(fd, 64);
    while (auto payload = reader.next()) {
        payload->data[payload->size] = '\0';
        rapidjson::Document document;
        document.ParseInsitu<flowhook::schema::k_parse_flags>(payload->data);
        if (document.HasParseError()) {
            reader.position(*payload, document.GetErrorOffset());
            continue;
        }
        flowhook::schema::ValidationResult result;
        flowhook::schema::validate(document, {payload->data, payload->size}, {}, result);
        for (const auto& finding : result.findings) reader.position(*payload, finding.offset.value_or(0));
    }
    ::close(fd);
    return 0;
}
