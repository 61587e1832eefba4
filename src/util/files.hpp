#pragma once
// Finding payload files on disk.

#include <filesystem>
#include <string>
#include <vector>

namespace flowhook::util {

// Whether `path` names a payload file by its extension: .json, .ndjson or .jsonl.
bool is_payload_file(const std::filesystem::path& path);

// Payload files under `folder`, recursively, sorted by path so reports are stable.
// Throws std::filesystem::filesystem_error when the folder cannot be read.
std::vector<std::filesystem::path> payload_files_under(const std::filesystem::path& folder);

}  // namespace flowhook::util
