#pragma once
// Repulsion summed over all N² pairs in float SIMD lanes (8 wide; AVX2/AVX-512 clones
// chosen at run time), rows in parallel, each row's sums finished in double. Exact up to
// float rounding (~1e-6 relative); the fastest choice up to a few thousand points.
#include "core/embed/Repulsion.h"

#include <cstddef>

namespace sb {

class DirectRepulsion : public Repulsion {
public:
    explicit DirectRepulsion(int threads) : threads_(threads) {}
    double compute(const std::vector<double>& layout, std::vector<double>& rep) override;
    bool isApproximate() const override { return false; }

private:
    int threads_;
    std::vector<float> xs_, ys_;  // padded to a multiple of the lane count
    std::vector<double> rowZ_;
};

}  // namespace sb
