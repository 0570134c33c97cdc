#include "core/embed/SymmetricEigen.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sb {
namespace {

double offDiagonalNorm(const std::vector<double>& a, size_t n)
{
    double s = 0;
    for (size_t p = 0; p < n; ++p)
        for (size_t q = p + 1; q < n; ++q) s += a[p * n + q] * a[p * n + q];
    return std::sqrt(s);
}

// One rotation in the (p, q) plane that zeroes a[p][q] (Golub & Van Loan, Alg. 8.5.2).
void rotate(std::vector<double>& a, std::vector<double>& v, size_t n, size_t p, size_t q)
{
    const double apq = a[p * n + q];
    const double tau = (a[q * n + q] - a[p * n + p]) / (2 * apq);
    const double t = (tau >= 0 ? 1.0 : -1.0) / (std::fabs(tau) + std::sqrt(1 + tau * tau));
    const double c = 1 / std::sqrt(1 + t * t);
    const double s = t * c;
    for (size_t k = 0; k < n; ++k) {  // columns p and q
        const double akp = a[k * n + p], akq = a[k * n + q];
        a[k * n + p] = c * akp - s * akq;
        a[k * n + q] = s * akp + c * akq;
    }
    for (size_t k = 0; k < n; ++k) {  // rows p and q
        const double apk = a[p * n + k], aqk = a[q * n + k];
        a[p * n + k] = c * apk - s * aqk;
        a[q * n + k] = s * apk + c * aqk;
    }
    for (size_t k = 0; k < n; ++k) {
        const double vkp = v[k * n + p], vkq = v[k * n + q];
        v[k * n + p] = c * vkp - s * vkq;
        v[k * n + q] = s * vkp + c * vkq;
    }
}

}  // namespace

SymmetricEigen SymmetricEigen::compute(std::vector<double> a, size_t n)
{
    for (size_t p = 0; p < n; ++p)  // mirror the upper triangle
        for (size_t q = p + 1; q < n; ++q) a[q * n + p] = a[p * n + q];
    std::vector<double> v(n * n, 0.0);
    for (size_t i = 0; i < n; ++i) v[i * n + i] = 1;

    double scale = 0;
    for (double x : a) scale = std::max(scale, std::fabs(x));
    const double tolerance = 1e-15 * std::max(scale, 1e-300) * static_cast<double>(n);
    for (int sweep = 0; sweep < 100 && offDiagonalNorm(a, n) > tolerance; ++sweep)
        for (size_t p = 0; p < n; ++p)
            for (size_t q = p + 1; q < n; ++q)
                if (std::fabs(a[p * n + q]) > 1e-300) rotate(a, v, n, p, q);

    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) { return a[i * n + i] > a[j * n + j]; });
    SymmetricEigen result;
    result.values.resize(n);
    result.vectors.resize(n * n);
    for (size_t k = 0; k < n; ++k) {
        result.values[k] = a[order[k] * n + order[k]];
        for (size_t i = 0; i < n; ++i) result.vectors[i * n + k] = v[i * n + order[k]];
    }
    return result;
}

}  // namespace sb
