#pragma once
// The one random stream of a training stage: batch order, augmentation draws, MixUp
// weights. Its state is saved with each checkpoint, so a resumed run draws exactly the
// numbers the uninterrupted run would have drawn.
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace sb {

class RandomSource {
public:
    explicit RandomSource(uint64_t seed = 1) : engine_(seed) {}

    double uniform();                        // [0, 1)
    bool chance(double p) { return p > 0 && uniform() < p; }
    double beta(double alpha);               // Beta(alpha, alpha)
    int64_t integer(int64_t lowInclusive, int64_t highExclusive);
    std::vector<int64_t> permutation(int64_t n);

    std::string state() const;               // text form of the engine state
    void restore(const std::string& state);  // throws sb::Error on a malformed state

private:
    std::mt19937_64 engine_;
};

}  // namespace sb
