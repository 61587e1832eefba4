#pragma once
// A pipe that a thread fills with a text a few bytes at a time, as a slow producer on stdin
// does: each read(2) of it then returns a few bytes. For tests that read to its end.

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <thread>
#include <utility>

#include <doctest/doctest.h>

class PipedText {
public:
    PipedText(std::string text, std::size_t piece) : m_text(std::move(text)) {
        REQUIRE(::pipe(m_fds) == 0);
        m_writer = std::thread([this, piece] {
            for (std::size_t at = 0; at < m_text.size(); at += piece)
                (void)!::write(m_fds[1], m_text.data() + at, std::min(piece, m_text.size() - at));
            ::close(m_fds[1]);
        });
    }
    ~PipedText() {
        m_writer.join();
        ::close(m_fds[0]);
    }
    PipedText(const PipedText&) = delete;
    PipedText& operator=(const PipedText&) = delete;

    // The end to read the text from.
    int fd() const { return m_fds[0]; }

private:
    std::string m_text;
    int m_fds[2] = {-1, -1};
    std::thread m_writer;
};
