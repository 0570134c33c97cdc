#include "core/embed/EmbeddingMetrics.h"

#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/embed/NearestNeighbors.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace sb {
namespace {

constexpr size_t kRowBlock = 256;
constexpr double kMachineEpsilon = 2.220446049250313e-16;

void requireSameRows(const FloatMatrix& a, size_t rows, const std::string& what)
{
    if (a.rows != rows)
        throw Error("the map has " + std::to_string(a.rows) + " points but the " + what + " has " +
                        std::to_string(rows),
                    what);
}

// Σ_{i≠j} 1/(1 + |y_i − y_j|²) over all pairs, row sums added in row order.
double studentZ(const FloatMatrix& y, int threads)
{
    const size_t n = y.rows;
    std::vector<double> rows(n);
    parallelFor(n, threads, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) {
            double s = 0;
            const double xi = y.at(i, 0), yi = y.at(i, 1);
            for (size_t j = 0; j < n; ++j) {
                const double dx = xi - y.at(j, 0), dy = yi - y.at(j, 1);
                s += 1.0 / (1.0 + dx * dx + dy * dy);
            }
            rows[i] = s - 1.0;  // the j == i term
        }
    }, 64);
    return std::accumulate(rows.begin(), rows.end(), 0.0);
}

}  // namespace

double trustworthiness(const FloatMatrix& input, const FloatMatrix& layout, size_t k, int threads)
{
    const size_t n = input.rows;
    requireSameRows(layout, n, "input");
    if (k < 1 || 2 * k >= n)
        throw Error("trustworthiness needs 1 <= k < N/2, got k = " + std::to_string(k) + " for " + std::to_string(n) +
                        " points",
                    "trustworthiness k");
    const NeighborGraph mapNeighbors = NeighborGraph::exact(layout, k, threads);

    const size_t d = input.cols;
    const std::vector<double> x(input.values.begin(), input.values.end());
    std::vector<double> norms(n, 0.0);
    for (size_t i = 0; i < n; ++i)
        for (size_t c = 0; c < d; ++c) norms[i] += x[i * d + c] * x[i * d + c];

    std::vector<double> penalty(n, 0.0), dist;
    for (size_t begin = 0; begin < n; begin += kRowBlock) {
        const size_t rows = std::min(kRowBlock, n - begin);
        dist.resize(rows * n);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), static_cast<int>(n),
                    static_cast<int>(d), -2.0, x.data() + begin * d, static_cast<int>(d), x.data(), static_cast<int>(d),
                    0.0, dist.data(), static_cast<int>(n));
        parallelFor(rows, threads, [&](size_t b, size_t e) {
            std::vector<double> threshold(k);
            std::vector<size_t> closer(k);
            for (size_t r = b; r < e; ++r) {
                const size_t i = begin + r;
                double* row = dist.data() + r * n;
                for (size_t m = 0; m < n; ++m) row[m] += norms[i] + norms[m];
                row[i] = std::numeric_limits<double>::infinity();
                for (size_t c = 0; c < k; ++c) threshold[c] = row[mapNeighbors.indices[i * k + c]];
                const double widest = *std::max_element(threshold.begin(), threshold.end());
                std::fill(closer.begin(), closer.end(), 0);
                for (size_t m = 0; m < n; ++m) {
                    if (row[m] >= widest) continue;  // the common case: farther than every map neighbour
                    for (size_t c = 0; c < k; ++c) closer[c] += row[m] < threshold[c];
                }
                double p = 0;
                for (size_t c = 0; c < k; ++c) {
                    const double rank = static_cast<double>(closer[c] + 1);  // 1-based rank in the input
                    p += std::max(0.0, rank - static_cast<double>(k));
                }
                penalty[i] = p;
            }
        }, 8);
    }
    const double total = std::accumulate(penalty.begin(), penalty.end(), 0.0);
    const double nn = static_cast<double>(n), kk = static_cast<double>(k);
    return 1.0 - total * (2.0 / (nn * kk * (2.0 * nn - 3.0 * kk - 1.0)));
}

double knnAccuracy(const FloatMatrix& layout, const std::vector<int64_t>& labels, size_t k, int threads)
{
    const size_t n = layout.rows;
    if (labels.size() != n)
        throw Error("labels have " + std::to_string(labels.size()) + " entries but the map has " + std::to_string(n) +
                        " points",
                    "labels");
    if (k < 1 || k >= n) throw Error("k-NN accuracy needs 1 <= k < N", "k-NN k");
    const NeighborGraph g = NeighborGraph::exact(layout, k, threads);
    std::vector<char> correct(n, 0);
    parallelFor(n, threads, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) {
            std::map<int64_t, size_t> votes;
            for (size_t c = 0; c < k; ++c) ++votes[labels[static_cast<size_t>(g.indices[i * k + c])]];
            size_t most = 0;
            for (const auto& v : votes) most = std::max(most, v.second);
            // Ties: the label of the nearest neighbour among the tied labels.
            for (size_t c = 0; c < k; ++c) {
                const int64_t label = labels[static_cast<size_t>(g.indices[i * k + c])];
                if (votes[label] == most) {
                    correct[i] = label == labels[i];
                    break;
                }
            }
        }
    }, 256);
    return static_cast<double>(std::count(correct.begin(), correct.end(), 1)) / static_cast<double>(n);
}

double exactKlDivergence(const SparseAffinities& p, const FloatMatrix& layout, int threads)
{
    requireSameRows(layout, p.points, "affinities");
    const double z = studentZ(layout, threads);
    std::vector<double> rows(p.points);
    parallelFor(p.points, threads, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) {
            double s = 0;
            for (int64_t edge = p.rowStart[i]; edge < p.rowStart[i + 1]; ++edge) {
                const double pij = p.values[static_cast<size_t>(edge)];
                if (pij <= 0) continue;
                const size_t j = static_cast<size_t>(p.columns[static_cast<size_t>(edge)]);
                const double dx = double(layout.at(i, 0)) - layout.at(j, 0);
                const double dy = double(layout.at(i, 1)) - layout.at(j, 1);
                const double q = 1.0 / (1.0 + dx * dx + dy * dy) / z;
                s += pij * std::log(pij / q);
            }
            rows[i] = s;
        }
    }, 256);
    return std::accumulate(rows.begin(), rows.end(), 0.0);
}

double exactKlDivergence(const std::vector<double>& p, const FloatMatrix& layout, int threads)
{
    const size_t n = layout.rows;
    if (p.size() != n * n) throw Error("dense affinities do not match the map's point count", "affinities");
    const double z = studentZ(layout, threads);
    std::vector<double> rows(n);
    parallelFor(n, threads, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) {
            double s = 0;
            for (size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                const double dx = double(layout.at(i, 0)) - layout.at(j, 0);
                const double dy = double(layout.at(i, 1)) - layout.at(j, 1);
                const double q = std::max(1.0 / (1.0 + dx * dx + dy * dy) / z, kMachineEpsilon);
                s += p[i * n + j] * std::log(std::max(p[i * n + j], kMachineEpsilon) / q);
            }
            rows[i] = s;
        }
    }, 64);
    return std::accumulate(rows.begin(), rows.end(), 0.0);
}

}  // namespace sb
