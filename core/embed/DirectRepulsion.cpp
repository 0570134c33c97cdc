#include "core/embed/DirectRepulsion.h"

#include "core/common/Parallel.h"

#include <numeric>

namespace sb {
namespace {

constexpr size_t kLanes = 8;
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));

struct RowSums {
    double z, fx, fy;
};

// Σ_j over all (padded) points for point (xi, yi). Padding points sit far away
// (w ≈ 1e-30), so they add nothing; the point itself adds w = 1 to z and 0 to the forces.
__attribute__((target_clones("avx512f", "avx2", "default")))
RowSums rowSums(const float* xs, const float* ys, size_t padded, float xi, float yi)
{
    Lanes z = {}, fx = {}, fy = {};
    const Lanes one = {1, 1, 1, 1, 1, 1, 1, 1};
    for (size_t j = 0; j < padded; j += kLanes) {
        Lanes xj, yj;
        __builtin_memcpy(&xj, xs + j, sizeof(Lanes));
        __builtin_memcpy(&yj, ys + j, sizeof(Lanes));
        const Lanes dx = xi - xj, dy = yi - yj;
        const Lanes w = one / (one + dx * dx + dy * dy);
        const Lanes w2 = w * w;
        z += w;
        fx += w2 * dx;
        fy += w2 * dy;
    }
    RowSums s{0, 0, 0};
    for (size_t l = 0; l < kLanes; ++l) {
        s.z += z[l];
        s.fx += fx[l];
        s.fy += fy[l];
    }
    return s;
}

}  // namespace

double DirectRepulsion::compute(const std::vector<double>& y, std::vector<double>& rep)
{
    const size_t n = y.size() / 2, padded = (n + kLanes - 1) / kLanes * kLanes;
    xs_.assign(padded, 1e15f);
    ys_.assign(padded, 1e15f);
    for (size_t i = 0; i < n; ++i) {
        xs_[i] = static_cast<float>(y[2 * i]);
        ys_[i] = static_cast<float>(y[2 * i + 1]);
    }
    rep.resize(2 * n);
    rowZ_.resize(n);
    parallelFor(n, threads_, [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            const RowSums s = rowSums(xs_.data(), ys_.data(), padded, xs_[i], ys_[i]);
            rowZ_[i] = s.z - 1.0;
            rep[2 * i] = s.fx;
            rep[2 * i + 1] = s.fy;
        }
    }, 32);
    return std::accumulate(rowZ_.begin(), rowZ_.end(), 0.0);
}

}  // namespace sb
