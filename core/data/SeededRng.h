#pragma once
// A small, fully specified random generator (xoshiro256** seeded through splitmix64).
// The standard library's distributions differ between implementations, so subsets and
// the demo dataset draw only through this class: same seed, same numbers, everywhere.
#include <cstdint>
#include <string_view>

namespace sb {

class SeededRng {
public:
    explicit SeededRng(uint64_t seed);

    uint64_t next();
    // Uniform integer in [0, n); n > 0. Unbiased (rejection of the short last range).
    uint64_t below(uint64_t n);
    // Uniform in [0, 1).
    double uniform();
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Cheap zero-mean noise in [-1, 1) (triangular: sum of two uniforms), for audio.
    float noise();
    // Poisson draw (Knuth's method; fine for the small means used here).
    int poisson(double mean);

    // Stable 64-bit hash of a string (FNV-1a) and a mixer, to derive per-stratum or
    // per-recording seeds that do not depend on iteration order.
    static uint64_t hash(std::string_view text);
    static uint64_t mix(uint64_t a, uint64_t b);

private:
    uint64_t s_[4];
};

}  // namespace sb
