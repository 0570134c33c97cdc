#include "core/embed/Affinities.h"

#include "core/common/Error.h"
#include "core/common/Parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace sb {
namespace {

constexpr double kMachineEpsilon = 2.220446049250313e-16;  // np.finfo(np.double).eps
constexpr double kEntropyTolerance = 1e-5;                // sklearn _utils.pyx PERPLEXITY_TOLERANCE
constexpr double kTinySum = 1e-8;                         // sklearn _utils.pyx EPSILON_DBL
constexpr int kSearchSteps = 100;

// sklearn's _binary_search_perplexity for one row, step by step (same order of updates).
void searchRow(const float* d, double* p, size_t width, long self, double desiredEntropy)
{
    const double inf = std::numeric_limits<double>::infinity();
    double beta = 1.0, betaMin = -inf, betaMax = inf;
    for (int step = 0; step < kSearchSteps; ++step) {
        double sum = 0;
        for (size_t j = 0; j < width; ++j) {
            p[j] = static_cast<long>(j) == self ? 0.0 : std::exp(-double(d[j]) * beta);
            sum += p[j];
        }
        if (sum == 0.0) sum = kTinySum;
        double sumDistP = 0;
        for (size_t j = 0; j < width; ++j) {
            p[j] /= sum;
            sumDistP += double(d[j]) * p[j];
        }
        const double entropyDiff = std::log(sum) + beta * sumDistP - desiredEntropy;
        if (std::fabs(entropyDiff) <= kEntropyTolerance) break;
        if (entropyDiff > 0.0) {
            betaMin = beta;
            beta = betaMax == inf ? beta * 2.0 : (beta + betaMax) / 2.0;
        } else {
            betaMax = beta;
            beta = betaMin == -inf ? beta / 2.0 : (beta + betaMin) / 2.0;
        }
    }
}

}  // namespace

void validatePerplexity(double perplexity, size_t points)
{
    std::ostringstream value;
    value << perplexity;
    if (!(perplexity > 0)) throw Error("perplexity must be positive, got " + value.str(), "perplexity");
    if (!(perplexity < static_cast<double>(points)))
        throw Error("perplexity (" + value.str() + ") must be less than the number of points (" +
                        std::to_string(points) + ")",
                    "perplexity");
}

std::vector<double> conditionalProbabilities(const std::vector<float>& sqDistances, size_t rows, size_t width,
                                             double perplexity, bool selfColumn, int threads)
{
    std::vector<double> p(rows * width);
    const double desiredEntropy = std::log(perplexity);
    parallelFor(rows, threads, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i)
            searchRow(sqDistances.data() + i * width, p.data() + i * width, width,
                      selfColumn ? static_cast<long>(i) : -1, desiredEntropy);
    }, 64);
    return p;
}

size_t SparseAffinities::neighborCount(size_t points, double perplexity)
{
    return std::min(points - 1, static_cast<size_t>(3.0 * perplexity + 1.0));
}

SparseAffinities SparseAffinities::fromNeighbors(const NeighborGraph& graph, double perplexity, int threads)
{
    const size_t n = graph.points, k = graph.k;
    std::vector<float> d(graph.sqDistances.begin(), graph.sqDistances.end());
    const std::vector<double> conditional = conditionalProbabilities(d, n, k, perplexity, false, threads);

    // P + Pᵀ: every directed edge adds its probability to both (i, j) and (j, i).
    std::vector<std::vector<std::pair<int32_t, double>>> rows(n);
    for (size_t i = 0; i < n; ++i)
        for (size_t c = 0; c < k; ++c) {
            const int32_t j = graph.indices[i * k + c];
            const double v = conditional[i * k + c];
            rows[i].emplace_back(j, v);
            rows[static_cast<size_t>(j)].emplace_back(static_cast<int32_t>(i), v);
        }
    SparseAffinities s;
    s.points = n;
    s.rowStart.assign(n + 1, 0);
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
        auto& r = rows[i];
        std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (size_t a = 0; a < r.size();) {
            double v = 0;
            size_t b = a;
            for (; b < r.size() && r[b].first == r[a].first; ++b) v += r[b].second;
            s.columns.push_back(r[a].first);
            s.values.push_back(v);
            total += v;
            a = b;
        }
        s.rowStart[i + 1] = static_cast<int64_t>(s.columns.size());
        std::vector<std::pair<int32_t, double>>().swap(r);
    }
    total = std::max(total, kMachineEpsilon);
    for (double& v : s.values) v /= total;
    return s;
}

std::vector<double> denseJointProbabilities(const FloatMatrix& x, double perplexity, int threads)
{
    const size_t n = x.rows;
    validatePerplexity(perplexity, n);
    std::vector<float> d(n * n);
    parallelFor(n, threads, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i)
            for (size_t j = 0; j < n; ++j) d[i * n + j] = static_cast<float>(exactSquaredDistance(x, i, j));
    }, 16);
    std::vector<double> p = conditionalProbabilities(d, n, n, perplexity, true, threads);
    double total = 0;
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 1; j < n; ++j) {
            const double v = p[i * n + j] + p[j * n + i];
            p[i * n + j] = p[j * n + i] = v;
            total += 2 * v;
        }
    total = std::max(total, kMachineEpsilon);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j) p[i * n + j] = i == j ? 0.0 : std::max(p[i * n + j] / total, kMachineEpsilon);
    return p;
}

}  // namespace sb
