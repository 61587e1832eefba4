#pragma once
// The inspector's page: every file of src/listen/inspector/assets/, embedded into the binary at
// build time by cmake/embed_assets.cmake (the generated source defines assets()).

#include <span>
#include <string_view>

namespace flowhook::listen::inspector {

struct Asset {
    std::string_view name;   // "index.html", "main.js"
    std::string_view bytes;
};

// Every embedded asset, sorted by name.
std::span<const Asset> assets();

// The asset called `name`, or nullptr.
const Asset* find_asset(std::string_view name);

// Its Content-Type, from the name's extension: text/html, text/css, text/javascript,
// image/svg+xml, ...; application/octet-stream for one it does not know.
std::string_view content_type_of(std::string_view name);

}  // namespace flowhook::listen::inspector
