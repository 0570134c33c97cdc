#pragma once
// Quality numbers printed next to every map.
//  - trustworthiness: exactly sklearn.manifold.trustworthiness (Euclidean): 1 − 2/(N k (2N − 3k − 1))
//    · Σ_i Σ_{j ∈ k-NN of i in the map} max(0, r(i, j) − k), r = rank of j among i's
//    neighbours in the input. For any N: input distances one row block at a time (BLAS,
//    double), ranks counted only for map neighbours outside the input's k nearest, so
//    memory stays O(block·N) and time O(N²·D).
//  - k-NN accuracy: leave-one-out k-nearest-neighbour classification in the map
//    (majority of the k nearest other points; ties go to the label of the nearest tied one).
//  - exact KL of a layout for sparse P: Σ p_ij log(p_ij / q_ij) with Q over all N² pairs.
#include "core/embed/Affinities.h"
#include "core/embed/FloatMatrix.h"

#include <cstdint>

namespace sb {

double trustworthiness(const FloatMatrix& input, const FloatMatrix& layout, size_t k, int threads);
double knnAccuracy(const FloatMatrix& layout, const std::vector<int64_t>& labels, size_t k, int threads);
double exactKlDivergence(const SparseAffinities& p, const FloatMatrix& layout, int threads);
double exactKlDivergence(const std::vector<double>& densePairs, const FloatMatrix& layout, int threads);

}  // namespace sb
