#include "util/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace flowhook::util {

bool is_terminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

bool use_colour(std::FILE* stream, ColourMode mode) {
    if (mode != ColourMode::automatic) return mode == ColourMode::always;
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour && *no_colour) return false;
    const char* term = std::getenv("TERM");
    if (term && std::strcmp(term, "dumb") == 0) return false;
    return is_terminal(stream);
}

std::string paint(std::string_view text, Style style, bool enabled) {
    if (!enabled) return std::string(text);
    static constexpr const char* k_codes[] = {"1", "2", "31", "32", "33", "36", "35"};
    std::string out = "\033[";
    out += k_codes[static_cast<int>(style)];
    out += 'm';
    out += text;
    out += "\033[0m";
    return out;
}

}  // namespace flowhook::util
