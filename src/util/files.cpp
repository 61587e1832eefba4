#include "util/files.hpp"

#include <algorithm>

namespace flowhook::util {

bool is_payload_file(const std::filesystem::path& path) {
    auto extension = path.extension();
    return extension == ".json" || extension == ".ndjson" || extension == ".jsonl";
}

std::vector<std::filesystem::path> payload_files_under(const std::filesystem::path& folder) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() && is_payload_file(entry.path())) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace flowhook::util
