#pragma once
// A one-line progress counter on stderr for long runs (millions of payloads validated or
// generated, thousands sent). Shown only when stderr is a terminal, never in pipes or logs.

#include <chrono>
#include <cstdint>
#include <string>

namespace flowhook::util {

class Progress {
public:
    // `noun` names what is counted: "payloads validated", "payloads sent".
    explicit Progress(std::string noun, bool enabled);
    // Shown when stderr is a terminal and `quiet` is false.
    static Progress on_terminal(std::string noun, bool quiet = false);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Records that `done` items are done; cheap enough to call per item.
    void update(std::uint64_t done) {
        if (m_enabled && (done & 0x3FF) == 0) redraw(done);
    }
    // Clears the line; called by the destructor too.
    void finish();

private:
    void redraw(std::uint64_t done);

    std::string m_noun;
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw;
};

}  // namespace flowhook::util
