#pragma once
// Where generated payloads go: stdout or a file (one pretty payload, a pretty JSON array, or
// NDJSON lines), or a folder with one file per payload. Writes in large blocks, so a million
// payloads cost little memory and few system calls.

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace flowhook::cli {

enum class OutputLayout {
    single,  // one payload as it is
    array,   // pretty payloads in a JSON array
    lines,   // one compact payload per line (NDJSON)
    split,   // one file per payload in a folder
};

class PayloadOutput {
public:
    // `path`: a file ("" or "-": stdout), or for split a folder, created if missing.
    // `index_width`: digits of the index in split file names (0001-order_settled.json).
    // Throws flowhook::Error when the file or folder cannot be opened.
    PayloadOutput(OutputLayout layout, const std::string& path, std::size_t index_width);
    ~PayloadOutput();
    PayloadOutput(const PayloadOutput&) = delete;
    PayloadOutput& operator=(const PayloadOutput&) = delete;

    // Writes one payload; `spelling` (its action) names its file when split.
    void write(std::string_view payload, std::string_view spelling = {});
    // Ends the array, flushes and closes; throws flowhook::Error if anything failed to write.
    void finish();

    std::size_t written() const { return m_index; }

private:
    void flush_block();
    void write_file(std::string_view payload, std::string_view spelling);

    OutputLayout m_layout;
    std::string m_name;  // for messages
    std::filesystem::path m_folder;
    std::size_t m_index_width;
    std::FILE* m_file = nullptr;
    bool m_owned = false;
    bool m_finished = false;
    std::size_t m_index = 0;
    std::string m_block;
};

}  // namespace flowhook::cli
