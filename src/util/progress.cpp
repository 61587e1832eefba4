#include "util/progress.hpp"

#include <cstdio>

#include "util/terminal.hpp"

namespace flowhook::util {
namespace {

constexpr auto k_redraw_every = std::chrono::milliseconds(250);
// Short runs finish before a counter would help; it appears only after this long.
constexpr auto k_first_draw_after = std::chrono::seconds(1);

}  // namespace

Progress::Progress(std::string noun, bool enabled)
    : m_noun(std::move(noun)),
      m_enabled(enabled),
      m_start(std::chrono::steady_clock::now()),
      m_last_draw(m_start) {}

Progress Progress::on_terminal(std::string noun, bool quiet) {
    return Progress(std::move(noun), !quiet && is_terminal(stderr));
}

Progress::~Progress() { finish(); }

void Progress::redraw(std::uint64_t done) {
    auto now = std::chrono::steady_clock::now();
    if (now - m_start < k_first_draw_after || now - m_last_draw < k_redraw_every) return;
    m_last_draw = now;
    double seconds = std::chrono::duration<double>(now - m_start).count();
    std::fprintf(stderr, "\r\033[K%llu %s (%.0f/s)", static_cast<unsigned long long>(done),
                 m_noun.c_str(), static_cast<double>(done) / seconds);
    std::fflush(stderr);
    m_drawn = true;
}

void Progress::finish() {
    if (!m_drawn) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    m_drawn = false;
}

}  // namespace flowhook::util
