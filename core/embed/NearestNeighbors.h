#pragma once
// Exact k nearest neighbours (Euclidean) of every point among the others, by brute force:
// blocks of rows against all points with one BLAS product each (||a||² + ||b||² - 2a·b),
// a top-k scan per row on all cores, and the k survivors' distances recomputed exactly in
// double. O(N²·D) flops; 30k points in 160-D take a few seconds on 2 cores.
#include "core/embed/FloatMatrix.h"

#include <cstdint>

namespace sb {

struct NeighborGraph {
    size_t points = 0;
    size_t k = 0;
    std::vector<int32_t> indices;     // points × k, nearest first, never the point itself
    std::vector<double> sqDistances;  // points × k, squared Euclidean, ascending

    static NeighborGraph exact(const FloatMatrix& x, size_t k, int threads);
};

// Squared distances from rows [begin, end) of x to every row of x, (end-begin) × N,
// through one float BLAS product (the expansion is accurate to ~1e-6 relative).
void blockSquaredDistances(const FloatMatrix& x, const std::vector<float>& sqNorms, size_t begin, size_t end,
                           std::vector<float>& out, int threads);
std::vector<float> rowSquaredNorms(const FloatMatrix& x);
double exactSquaredDistance(const FloatMatrix& x, size_t i, size_t j);

}  // namespace sb
