#pragma once
// Eigen-decomposition of a small dense symmetric matrix (a D×D covariance) by cyclic
// Jacobi rotations. Our own, so the embedding engine needs no LAPACK headers; Jacobi is
// accurate to machine precision for symmetric matrices and D is at most a few hundred.
#include <cstddef>
#include <vector>

namespace sb {

struct SymmetricEigen {
    std::vector<double> values;   // eigenvalues, descending
    std::vector<double> vectors;  // n×n row-major; column k is the eigenvector of values[k]

    // `matrix` is n×n row-major and symmetric (only its upper triangle is read).
    static SymmetricEigen compute(std::vector<double> matrix, size_t n);
};

}  // namespace sb
