#pragma once
// t-SNE input affinities, defined exactly as scikit-learn ≥ 1.2 does: per point, a
// Gaussian over squared Euclidean distances whose precision is found by binary search
// so that its perplexity is the requested one (tolerance 1e-5 in entropy, 100 steps);
// then P = (P + Pᵀ) / sum. Sparse: over each point's 3·perplexity nearest neighbours
// (sklearn's Barnes-Hut path). Dense: over all points (sklearn's exact path).
#include "core/embed/FloatMatrix.h"
#include "core/embed/NearestNeighbors.h"

namespace sb {

// Row-stochastic conditional probabilities for `rows` rows of `width` squared distances
// (float32, as sklearn's _binary_search_perplexity takes them). With selfColumn, row i's
// column i is the point itself and gets probability 0.
std::vector<double> conditionalProbabilities(const std::vector<float>& sqDistances, size_t rows, size_t width,
                                             double perplexity, bool selfColumn, int threads);

// Symmetric joint probabilities in compressed sparse rows (column indices ascending).
struct SparseAffinities {
    size_t points = 0;
    std::vector<int64_t> rowStart;  // points + 1
    std::vector<int32_t> columns;
    std::vector<double> values;     // sums to 1

    static SparseAffinities fromNeighbors(const NeighborGraph& graph, double perplexity, int threads);
    // sklearn's neighbour count for a perplexity: min(N - 1, floor(3·perplexity + 1)).
    static size_t neighborCount(size_t points, double perplexity);
};

// N×N joint probabilities over all pairs (diagonal 0, off-diagonal at least 2.2e-16, as
// sklearn's _joint_probabilities). For small N only: O(N²) memory.
std::vector<double> denseJointProbabilities(const FloatMatrix& x, double perplexity, int threads);

// Throws sb::Error unless 0 < perplexity and perplexity < points (sklearn's rule).
void validatePerplexity(double perplexity, size_t points);

}  // namespace sb
