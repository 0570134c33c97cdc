#pragma once
// The repulsive half of the t-SNE gradient in O(N) per iteration by polynomial
// interpolation on an equispaced grid and FFT convolution (FIt-SNE: Linderman et al.,
// Nature Methods 2019; the same scheme as openTSNE's negative_gradient_method='fft').
//
// Three charges per point (1, x, y) suffice: Σ_i Σ_j w²_ij |y_j|², needed for Z, equals
// Σ_j |y_j|² φ_1(j) because the kernel, the spreading and the interpolation are symmetric.
//
// The layout's bounding square is cut into B×B boxes (B = max(50, range), one box per
// unit of layout, rounded up to an FFT-friendly size); each box holds p×p Lagrange nodes
// (p = 3). The charges are spread to the nodes, convolved
// with the kernel w² = (1 + d²)⁻² by zero-padded real FFTs (row and column passes that
// skip the padding; FFTW runs them on all threads), and interpolated back. From
// the potentials follow both Σ_j w_ij² (y_i − y_j) and Z = Σ_{i≠j} w_ij exactly up to
// the interpolation error (relative ~1e-4 at these settings).
#include "core/embed/Repulsion.h"

#include <cstddef>
#include <memory>
#include <vector>

namespace sb {

struct FftRepulsionSettings {
    size_t minIntervals = 50;      // openTSNE/FIt-SNE default
    double intervalsPerUnit = 1;   // boxes per unit of layout extent
    size_t maxIntervals = 300;     // bounds memory and time for very spread layouts
    int nodesPerInterval = 3;      // Lagrange nodes per box and dimension
};

class FftRepulsion : public Repulsion {
public:
    explicit FftRepulsion(int threads, FftRepulsionSettings settings = {});
    ~FftRepulsion();
    FftRepulsion(const FftRepulsion&) = delete;
    FftRepulsion& operator=(const FftRepulsion&) = delete;

    double compute(const std::vector<double>& layout, std::vector<double>& rep) override;
    bool isApproximate() const override { return true; }
    size_t lastIntervals() const { return intervals_; }

private:
    struct Plans;
    void preparePlans(size_t nodes);
    void interpolationWeights(const std::vector<double>& layout, double lo, double boxWidth);
    void spreadCharges(const std::vector<double>& layout, double centre);
    void convolve(double nodeSpacing);

    int threads_;
    FftRepulsionSettings settings_;
    size_t intervals_ = 0;
    size_t nodes_ = 0;  // per dimension
    std::unique_ptr<Plans> plans_;
    std::vector<int32_t> firstNode_;  // N×2: index of the first node of the point's box
    std::vector<float> weights_;      // N×2×p Lagrange weights
    std::vector<size_t> bandStart_;   // spreading: where each band of node rows starts in bandPoints_
    std::vector<int32_t> bandPoints_; // point indices grouped by band, in index order
    std::vector<double> accum_;       // 3 × m×m charge sums in double
    std::vector<double> zTerms_;      // N
};

}  // namespace sb
