#pragma once
// A small deterministic pseudo-random generator. flowhook promises that the same --seed gives
// the same bytes on every machine, so it cannot use std::uniform_*_distribution (whose output
// differs between standard libraries): xoshiro256** seeded through splitmix64, and bounded
// draws by our own arithmetic.

#include <cstdint>

namespace flowhook::schema {

class Random {
public:
    explicit Random(std::uint64_t seed) {
        std::uint64_t x = seed;
        for (std::uint64_t& word : m_state) word = splitmix64(x);
    }

    // The next 64 random bits (xoshiro256**).
    std::uint64_t next() {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // A number in [0, bound), bound > 0: the high half of a 128-bit product (Lemire), which
    // is several times faster than a division. The bias is below bound / 2^64: invisible
    // for the small ranges samples use.
    std::uint64_t below(std::uint64_t bound) {
        __extension__ using Wide = unsigned __int128;
        return static_cast<std::uint64_t>((static_cast<Wide>(next()) * bound) >> 64);
    }

    // A number in [low, high].
    std::uint64_t between(std::uint64_t low, std::uint64_t high) {
        return low + below(high - low + 1);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    std::uint64_t m_state[4];
};

}  // namespace flowhook::schema
