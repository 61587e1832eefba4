#pragma once
// The deliveries a `flowhook listen --record` file holds (see README, "The record format"),
// read back to be delivered again: send --replay re-sends them, check --from grades a
// receiver's answers to them.

#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <string>

#include "http/client.hpp"

namespace flowhook::delivery {

// One recorded delivery: its exact body and the headers worth sending again (not the ones the
// transport sets, nor masked credentials).
struct Recorded {
    std::string name;  // "FILE:LINE"
    std::string body;
    http::Headers headers;
};

// The records of a record file, in order, one line at a time. A line that is not a complete
// record is reported on stderr ("flowhook: SUBCOMMAND: FILE:LINE: skipped: ...") and skipped.
// Only the records the file holds when it is opened are read.
class ReplayReader {
public:
    // Throws flowhook::Error ("cannot read OPTION file PATH: ...") when it cannot be opened.
    ReplayReader(const std::string& path, std::string subcommand, std::string option);
    std::optional<Recorded> next();
    // Why reading stopped before the end of the file; empty if it did not.
    const std::string& error() const { return m_error; }

private:
    std::string m_path;
    std::string m_subcommand;
    std::ifstream m_in;
    std::size_t m_line = 0;
    std::uintmax_t m_size_at_start = std::numeric_limits<std::uintmax_t>::max();  // not a file
    std::uintmax_t m_read = 0;
    std::string m_text;
    std::string m_error;
};

}  // namespace flowhook::delivery
