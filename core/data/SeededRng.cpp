#include "core/data/SeededRng.h"

#include <cmath>

namespace sb {

static uint64_t splitmix64(uint64_t& x)
{
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

SeededRng::SeededRng(uint64_t seed)
{
    for (auto& s : s_) s = splitmix64(seed);
}

uint64_t SeededRng::next()
{
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

uint64_t SeededRng::below(uint64_t n)
{
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n: values below it are rejected
    for (;;) {
        const uint64_t r = next();
        if (r >= threshold) return r % n;
    }
}

double SeededRng::uniform() { return double(next() >> 11) * 0x1.0p-53; }

float SeededRng::noise()
{
    const uint64_t r = next();
    const float a = float(uint32_t(r) >> 8) * 0x1.0p-24f;
    const float b = float(uint32_t(r >> 32) >> 8) * 0x1.0p-24f;
    return a - b;
}

int SeededRng::poisson(double mean)
{
    const double limit = std::exp(-mean);
    int k = 0;
    double p = uniform();
    while (p > limit) {
        ++k;
        p *= uniform();
    }
    return k;
}

uint64_t SeededRng::hash(std::string_view text)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ull;
    }
    return h;
}

uint64_t SeededRng::mix(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ rotl(b, 23) ^ 0x2545F4914F6CDD1Dull;
    return splitmix64(x);
}

}  // namespace sb
