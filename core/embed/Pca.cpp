#include "core/embed/Pca.h"

#include "core/common/Error.h"
#include "core/embed/SymmetricEigen.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace sb {
namespace {

// Covariance (D×D, upper triangle filled) of the centred data, accumulated in double
// over row blocks so that memory stays O(block·D) beyond the input.
std::vector<double> covariance(const FloatMatrix& x, const std::vector<double>& mean)
{
    const size_t n = x.rows, d = x.cols, block = 2048;
    std::vector<double> cov(d * d, 0.0), centred(block * d);
    for (size_t start = 0; start < n; start += block) {
        const size_t rows = std::min(block, n - start);
        for (size_t i = 0; i < rows; ++i)
            for (size_t j = 0; j < d; ++j) centred[i * d + j] = x.at(start + i, j) - mean[j];
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, static_cast<int>(d), static_cast<int>(rows), 1.0,
                    centred.data(), static_cast<int>(d), 1.0, cov.data(), static_cast<int>(d));
    }
    const double scale = 1.0 / static_cast<double>(std::max<size_t>(1, n - 1));
    for (double& c : cov) c *= scale;
    for (size_t p = 0; p < d; ++p)
        for (size_t q = p + 1; q < d; ++q) cov[q * d + p] = cov[p * d + q];
    return cov;
}

// Orthonormalises the columns of q (d×m row-major) by modified Gram-Schmidt.
void orthonormalise(std::vector<double>& q, size_t d, size_t m)
{
    for (size_t k = 0; k < m; ++k) {
        for (size_t j = 0; j < k; ++j) {
            double dot = 0;
            for (size_t i = 0; i < d; ++i) dot += q[i * m + j] * q[i * m + k];
            for (size_t i = 0; i < d; ++i) q[i * m + k] -= dot * q[i * m + j];
        }
        double norm = 0;
        for (size_t i = 0; i < d; ++i) norm += q[i * m + k] * q[i * m + k];
        norm = std::sqrt(norm);
        for (size_t i = 0; i < d; ++i) q[i * m + k] = norm > 0 ? q[i * m + k] / norm : 0;
    }
}

// Leading eigenpairs of the covariance by randomised subspace iteration: the range of
// C^q·Ω for a Gaussian Ω, then the exact eigenproblem of C projected on that range.
SymmetricEigen randomizedEigen(const std::vector<double>& cov, size_t d, const PcaParams& params)
{
    const size_t m = std::min(d, params.components + params.oversamples);
    std::mt19937_64 rng(params.seed);
    std::normal_distribution<double> normal;
    std::vector<double> q(d * m), cq(d * m);
    for (double& v : q) v = normal(rng);
    orthonormalise(q, d, m);
    const int di = static_cast<int>(d), mi = static_cast<int>(m);
    for (int it = 0; it < params.powerIterations; ++it) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, di, mi, di, 1.0, cov.data(), di, q.data(), mi, 0.0,
                    cq.data(), mi);
        q.swap(cq);
        orthonormalise(q, d, m);
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, di, mi, di, 1.0, cov.data(), di, q.data(), mi, 0.0,
                cq.data(), mi);
    std::vector<double> small(m * m);  // Qᵀ C Q
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, mi, mi, di, 1.0, q.data(), mi, cq.data(), mi, 0.0,
                small.data(), mi);
    const SymmetricEigen inner = SymmetricEigen::compute(small, m);
    SymmetricEigen result;
    result.values = inner.values;
    result.vectors.assign(d * m, 0.0);  // Q · V: d×m, column k is eigenvector k
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, di, mi, mi, 1.0, q.data(), mi, inner.vectors.data(), mi,
                0.0, result.vectors.data(), mi);
    return result;
}

}  // namespace

PcaResult computePca(const FloatMatrix& x, const PcaParams& params)
{
    const size_t n = x.rows, d = x.cols, k = params.components;
    if (k == 0 || k > std::min(n, d))
        throw Error("cannot take " + std::to_string(k) + " principal components of " + std::to_string(n) +
                        " points in " + std::to_string(d) + " dimensions",
                    "PCA components");
    PcaResult r;
    r.mean.assign(d, 0.0);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < d; ++j) r.mean[j] += x.at(i, j);
    for (double& m : r.mean) m /= static_cast<double>(n);
    const std::vector<double> cov = covariance(x, r.mean);
    for (size_t j = 0; j < d; ++j) r.totalVariance += cov[j * d + j];

    const bool exact = params.solver == PcaSolver::Exact ||
                       (params.solver == PcaSolver::Auto && d <= params.exactMaxDimensions);
    const SymmetricEigen eig = exact ? SymmetricEigen::compute(cov, d) : randomizedEigen(cov, d, params);
    const size_t columns = eig.values.size();

    r.components = FloatMatrix(k, d);
    for (size_t c = 0; c < k; ++c) {
        // Sign convention: the largest-magnitude loading is positive (deterministic output).
        size_t arg = 0;
        for (size_t j = 1; j < d; ++j)
            if (std::fabs(eig.vectors[j * columns + c]) > std::fabs(eig.vectors[arg * columns + c])) arg = j;
        const double sign = eig.vectors[arg * columns + c] < 0 ? -1.0 : 1.0;
        for (size_t j = 0; j < d; ++j) r.components.at(c, j) = static_cast<float>(sign * eig.vectors[j * columns + c]);
        r.explainedVariance.push_back(std::max(0.0, eig.values[c]));
    }
    r.projected = FloatMatrix(n, k);
    for (size_t i = 0; i < n; ++i)
        for (size_t c = 0; c < k; ++c) {
            double s = 0;
            for (size_t j = 0; j < d; ++j) s += (x.at(i, j) - r.mean[j]) * r.components.at(c, j);
            r.projected.at(i, c) = static_cast<float>(s);
        }
    return r;
}

}  // namespace sb
