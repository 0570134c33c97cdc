#pragma once
// O(N²) t-SNE gradient over all pairs with dense P, as sklearn's method='exact'
// (_kl_divergence): Q clipped at machine epsilon, gradient 4·Σ_j (p_ij − q_ij) w_ij (y_i − y_j).
#include "core/embed/TsneGradient.h"

#include <cstddef>

namespace sb {

class ExactGradient : public TsneGradient {
public:
    // p: N×N joint probabilities (denseJointProbabilities).
    ExactGradient(std::vector<double> p, size_t points, int threads);
    double compute(const std::vector<double>& layout, double exaggeration, std::vector<double>& grad,
                   bool wantKl) override;
    bool klIsEstimate() const override { return false; }

private:
    std::vector<double> p_;
    size_t n_;
    int threads_;
    std::vector<double> rowSums_;
    std::vector<double> rowKl_;
};

}  // namespace sb
