#pragma once
// Colour and terminal policy, shared by every subcommand.

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace flowhook::util {

enum class ColourMode { automatic, always, never };

// Whether to colour what goes to `stream`: on a terminal only (automatic), never when
// NO_COLOR is set or TERM is "dumb".
bool use_colour(std::FILE* stream, ColourMode mode = ColourMode::automatic);

// Whether `stream` is a terminal.
bool is_terminal(std::FILE* stream);

// The width in columns to lay text out for on `stream`: COLUMNS when it is set to a positive
// number, else the terminal's width when `stream` is a terminal that knows it, else `fallback`.
std::size_t terminal_width(std::FILE* stream, std::size_t fallback = 80);

// Columns that `text` takes: one per UTF-8 character (ANSI colour sequences count none).
std::size_t text_columns(std::string_view text);

// `text` (no colour in it) when it takes at most `columns`; else its start, cut between
// characters, and "..." in `columns` columns at most.
std::string cut_to_columns(std::string_view text, std::size_t columns);

// ANSI styles; `paint` returns `text` unchanged when `enabled` is false.
enum class Style { bold, dim, red, green, yellow, cyan, magenta };
std::string paint(std::string_view text, Style style, bool enabled);

}  // namespace flowhook::util
