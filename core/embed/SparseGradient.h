#pragma once
// t-SNE gradient with sparse P (3·perplexity nearest neighbours per point, as sklearn's
// Barnes-Hut path): attraction summed over P's non-zeros (float SIMD lanes), repulsion and Z from a
// Repulsion (direct O(N²) or FFT-interpolated). The KL it returns is
// Σ p_ij log(p_ij / q_ij) over P's non-zeros with that Z: exact with DirectRepulsion, an
// estimate (~1e-3 relative) with FftRepulsion, like sklearn's Barnes-Hut estimate.
#include "core/embed/Affinities.h"
#include "core/embed/Repulsion.h"
#include "core/embed/TsneGradient.h"

#include <memory>

namespace sb {

class SparseGradient : public TsneGradient {
public:
    // Keeps a reference to p, which must outlive this object.
    SparseGradient(const SparseAffinities& p, std::unique_ptr<Repulsion> repulsion, int threads);
    double compute(const std::vector<double>& layout, double exaggeration, std::vector<double>& grad,
                   bool wantKl) override;
    bool klIsEstimate() const override { return repulsion_->isApproximate(); }

private:
    // KL(exaggeration·P || Q) over row i of P, in double.
    double rowKl(const std::vector<double>& layout, size_t i, double exaggeration, double z) const;

    const SparseAffinities& p_;
    std::unique_ptr<Repulsion> repulsion_;
    int threads_;
    std::vector<double> rep_;
    std::vector<double> rowKl_;
    std::vector<size_t> paddedStart_;  // row starts of P padded to whole SIMD lanes
    std::vector<float> paddedValues_;  // P's values in float, zeros in the padding
    std::vector<float> xy_;            // the layout in float, interleaved: one cache line per neighbour
};

}  // namespace sb
