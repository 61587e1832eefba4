#include "util/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace flowhook::util {

bool is_terminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

std::size_t terminal_width(std::FILE* stream, std::size_t fallback) {
    if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
        char* end = nullptr;
        unsigned long n = std::strtoul(columns, &end, 10);
        if (*end == '\0' && n > 0 && n < 100000) return n;
    }
    struct winsize size {};
    if (is_terminal(stream) && ::ioctl(::fileno(stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return fallback;
}

std::size_t text_columns(std::string_view text) {
    std::size_t columns = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\033' && i + 1 < text.size() && text[i + 1] == '[') {  // CSI ... final byte
            i += 2;
            while (i < text.size() && !(text[i] >= 0x40 && text[i] <= 0x7E)) ++i;
            continue;
        }
        columns += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    }
    return columns;
}

bool use_colour(std::FILE* stream, ColourMode mode) {
    if (mode != ColourMode::automatic) return mode == ColourMode::always;
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour && *no_colour) return false;
    const char* term = std::getenv("TERM");
    if (term && std::strcmp(term, "dumb") == 0) return false;
    return is_terminal(stream);
}

std::string cut_to_columns(std::string_view text, std::size_t columns) {
    if (text_columns(text) <= columns) return std::string(text);
    std::size_t keep = columns > 3 ? columns - 3 : 0, used = 0, end = 0;
    while (end < text.size()) {
        std::size_t next = end + 1;
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
        if (used + 1 > keep) break;
        ++used;
        end = next;
    }
    return std::string(text.substr(0, end)) + std::string("...").substr(0, std::min<std::size_t>(3, columns));
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
