#pragma once
// The repulsive half of the t-SNE gradient over all pairs of a 2-D layout:
// rep_i = Σ_j w_ij² (y_i − y_j) and Z = Σ_{i≠j} w_ij, with w_ij = 1 / (1 + |y_i − y_j|²).
// DirectRepulsion sums all pairs (O(N²), SIMD); FftRepulsion interpolates (O(N)).
#include <vector>

namespace sb {

class Repulsion {
public:
    virtual ~Repulsion() = default;
    // layout: N×2. Writes rep (N×2), returns Z.
    virtual double compute(const std::vector<double>& layout, std::vector<double>& rep) = 0;
    virtual bool isApproximate() const = 0;
};

}  // namespace sb
