#include "core/embed/NearestNeighbors.h"

#include "core/common/Error.h"
#include "core/common/Parallel.h"

#include <cblas.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace sb {
namespace {

constexpr size_t kRowBlock = 512;

// Keeps the k smallest (distance, index) pairs seen, sorted ascending. Callers compare
// with bound() first: almost every candidate is rejected by that one comparison.
class TopK {
public:
    explicit TopK(size_t k) : k_(k) { items_.reserve(k + 1); }
    float bound() const { return bound_; }
    void insert(float d, int32_t j)
    {
        auto it = std::upper_bound(items_.begin(), items_.end(), std::make_pair(d, j));
        items_.insert(it, {d, j});
        if (items_.size() > k_) items_.pop_back();
        if (items_.size() == k_) bound_ = items_.back().first;
    }
    const std::vector<std::pair<float, int32_t>>& items() const { return items_; }

private:
    size_t k_;
    float bound_ = std::numeric_limits<float>::infinity();
    std::vector<std::pair<float, int32_t>> items_;
};

}  // namespace

std::vector<float> rowSquaredNorms(const FloatMatrix& x)
{
    std::vector<float> norms(x.rows);
    for (size_t i = 0; i < x.rows; ++i) {
        double s = 0;
        for (size_t j = 0; j < x.cols; ++j) s += double(x.at(i, j)) * x.at(i, j);
        norms[i] = static_cast<float>(s);
    }
    return norms;
}

void blockSquaredDistances(const FloatMatrix& x, const std::vector<float>& sqNorms, size_t begin, size_t end,
                           std::vector<float>& out, int threads)
{
    const size_t rows = end - begin, n = x.rows;
    out.resize(rows * n);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), static_cast<int>(n),
                static_cast<int>(x.cols), -2.f, x.row(begin), static_cast<int>(x.cols), x.values.data(),
                static_cast<int>(x.cols), 0.f, out.data(), static_cast<int>(n));
    parallelFor(rows, threads, [&](size_t b, size_t e) {
        for (size_t r = b; r < e; ++r) {
            float* o = out.data() + r * n;
            const float a = sqNorms[begin + r];
            for (size_t j = 0; j < n; ++j) o[j] = std::max(0.f, o[j] + a + sqNorms[j]);
        }
    }, 16);
}

double exactSquaredDistance(const FloatMatrix& x, size_t i, size_t j)
{
    double s = 0;
    const float* a = x.row(i);
    const float* b = x.row(j);
    for (size_t c = 0; c < x.cols; ++c) {
        const double diff = double(a[c]) - double(b[c]);
        s += diff * diff;
    }
    return s;
}

NeighborGraph NeighborGraph::exact(const FloatMatrix& x, size_t k, int threads)
{
    const size_t n = x.rows;
    if (k == 0 || k >= n)
        throw Error("cannot find " + std::to_string(k) + " neighbours among " + std::to_string(n) + " points",
                    "nearest neighbours");
    NeighborGraph g;
    g.points = n;
    g.k = k;
    g.indices.resize(n * k);
    g.sqDistances.resize(n * k);
    const std::vector<float> norms = rowSquaredNorms(x);
    std::vector<float> block;
    for (size_t begin = 0; begin < n; begin += kRowBlock) {
        const size_t end = std::min(n, begin + kRowBlock);
        blockSquaredDistances(x, norms, begin, end, block, threads);
        parallelFor(end - begin, threads, [&](size_t b, size_t e) {
            for (size_t r = b; r < e; ++r) {
                const size_t i = begin + r;
                // Keep a few spares so that exact re-ranking can fix float near-ties.
                TopK top(k + 2 < n ? k + 2 : k);
                const float* d = block.data() + r * n;
                for (size_t j = 0; j < n; ++j)
                    if (d[j] < top.bound() && j != i) top.insert(d[j], static_cast<int32_t>(j));
                std::vector<std::pair<double, int32_t>> exactTop;
                for (const auto& item : top.items())
                    exactTop.emplace_back(exactSquaredDistance(x, i, static_cast<size_t>(item.second)), item.second);
                std::sort(exactTop.begin(), exactTop.end());
                for (size_t c = 0; c < k; ++c) {
                    g.indices[i * k + c] = exactTop[c].second;
                    g.sqDistances[i * k + c] = exactTop[c].first;
                }
            }
        }, 16);
    }
    return g;
}

}  // namespace sb
