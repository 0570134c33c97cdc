#include "core/embed/ExactGradient.h"

#include "core/common/Parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sb {
namespace {
constexpr double kMachineEpsilon = 2.220446049250313e-16;
}

ExactGradient::ExactGradient(std::vector<double> p, size_t points, int threads)
    : p_(std::move(p)), n_(points), threads_(threads), rowSums_(points), rowKl_(points)
{
}

double ExactGradient::compute(const std::vector<double>& y, double exaggeration, std::vector<double>& grad,
                              bool wantKl)
{
    const size_t n = n_;
    auto kernel = [&](size_t i, size_t j) {
        const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
        return 1.0 / (1.0 + dx * dx + dy * dy);
    };
    parallelFor(n, threads_, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) {
            double s = 0;
            for (size_t j = 0; j < n; ++j)
                if (j != i) s += kernel(i, j);
            rowSums_[i] = s;
        }
    }, 8);
    const double z = std::accumulate(rowSums_.begin(), rowSums_.end(), 0.0);
    parallelFor(n, threads_, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) {
            double gx = 0, gy = 0, kl = 0;
            for (size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                const double w = kernel(i, j);
                const double q = std::max(w / z, kMachineEpsilon);
                const double p = exaggeration * p_[i * n + j];
                const double f = (p - q) * w;
                gx += f * (y[2 * i] - y[2 * j]);
                gy += f * (y[2 * i + 1] - y[2 * j + 1]);
                if (wantKl) kl += p * std::log(std::max(p, kMachineEpsilon) / q);
            }
            grad[2 * i] = 4 * gx;
            grad[2 * i + 1] = 4 * gy;
            rowKl_[i] = kl;
        }
    }, 8);
    if (!wantKl) return std::numeric_limits<double>::quiet_NaN();
    return std::accumulate(rowKl_.begin(), rowKl_.end(), 0.0);
}

}  // namespace sb
