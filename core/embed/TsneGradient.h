#pragma once
// The objective of t-SNE for the optimiser: the gradient of KL(P || Q) with respect to
// the 2-D layout, with P multiplied by the current exaggeration. Implementations are
// deterministic for a given thread count (per-point work, reductions in a fixed order).
#include <vector>

namespace sb {

class TsneGradient {
public:
    virtual ~TsneGradient() = default;
    // layout and grad: N×2 row-major. Returns KL(exaggeration·P || Q) when wantKl
    // (exact, or an estimate: see klIsEstimate()), NaN otherwise.
    virtual double compute(const std::vector<double>& layout, double exaggeration, std::vector<double>& grad,
                           bool wantKl) = 0;
    virtual bool klIsEstimate() const = 0;
};

}  // namespace sb
