#pragma once
// Principal component analysis of N points in D dimensions, used alone (a PCA map) and
// by t-SNE (initialisation, optional input reduction).
// Exact: all eigenvectors of the D×D covariance (Jacobi). Randomised: subspace
// iteration on the covariance (Halko et al. 2011) for the leading components only, for
// large D. Either way the cost of forming the covariance, N·D², dominates for N >> D.
#include "core/embed/FloatMatrix.h"

#include <cstdint>

namespace sb {

enum class PcaSolver { Auto, Exact, Randomized };

struct PcaParams {
    size_t components = 2;
    PcaSolver solver = PcaSolver::Auto;
    size_t exactMaxDimensions = 256;  // Auto: exact up to this D, randomised above
    int powerIterations = 7;          // randomised: subspace iterations (sklearn's 'auto' for few components)
    size_t oversamples = 10;          // randomised: extra subspace columns
    uint64_t seed = 0;
};

struct PcaResult {
    FloatMatrix projected;                   // N × components: centred data on the components
    FloatMatrix components;                  // components × D, unit rows; largest |entry| positive
    std::vector<double> mean;                // D
    std::vector<double> explainedVariance;   // per component (divided by N - 1)
    double totalVariance = 0;                // trace of the covariance
};

// Throws sb::Error if components is 0 or more than min(N, D).
PcaResult computePca(const FloatMatrix& x, const PcaParams& params = {});

}  // namespace sb
