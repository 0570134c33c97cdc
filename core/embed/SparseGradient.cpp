#include "core/embed/SparseGradient.h"

#include "core/common/Parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sb {

SparseGradient::SparseGradient(const SparseAffinities& p, std::unique_ptr<Repulsion> repulsion, int threads)
    : p_(p), repulsion_(std::move(repulsion)), threads_(threads), rowKl_(p.points)
{
}

double SparseGradient::compute(const std::vector<double>& y, double exaggeration, std::vector<double>& grad,
                               bool wantKl)
{
    const double z = repulsion_->compute(y, rep_);
    const double tiny = std::numeric_limits<float>::min();  // sklearn's FLOAT32_TINY clip
    parallelFor(p_.points, threads_, [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            double ax = 0, ay = 0, kl = 0;
            for (int64_t e = p_.rowStart[i]; e < p_.rowStart[i + 1]; ++e) {
                const size_t j = static_cast<size_t>(p_.columns[static_cast<size_t>(e)]);
                const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                const double w = 1.0 / (1.0 + dx * dx + dy * dy);
                const double p = exaggeration * p_.values[static_cast<size_t>(e)];
                ax += p * w * dx;
                ay += p * w * dy;
                if (wantKl) kl += p * std::log(std::max(p, tiny) / std::max(w / z, tiny));
            }
            grad[2 * i] = 4 * (ax - rep_[2 * i] / z);
            grad[2 * i + 1] = 4 * (ay - rep_[2 * i + 1] / z);
            rowKl_[i] = kl;
        }
    }, 256);
    if (!wantKl) return std::numeric_limits<double>::quiet_NaN();
    return std::accumulate(rowKl_.begin(), rowKl_.end(), 0.0);
}

}  // namespace sb
