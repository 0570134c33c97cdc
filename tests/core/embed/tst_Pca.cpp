// Tests of PCA on data with known principal axes.
#include "core/common/Error.h"
#include "core/embed/Pca.h"

#include <QtTest>

#include <cmath>
#include <random>

namespace {

// Points with standard deviations `scales` along the orthonormal rows of a random
// rotation (built by Gram-Schmidt), plus an offset.
struct KnownData {
    sb::FloatMatrix x;
    std::vector<std::vector<double>> axes;
};

KnownData makeData(size_t n, size_t d, const std::vector<double>& scales, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> g;
    std::vector<std::vector<double>> axes(d, std::vector<double>(d));
    for (size_t a = 0; a < d; ++a) {
        for (double& v : axes[a]) v = g(rng);
        for (size_t b = 0; b < a; ++b) {
            double dot = 0;
            for (size_t c = 0; c < d; ++c) dot += axes[a][c] * axes[b][c];
            for (size_t c = 0; c < d; ++c) axes[a][c] -= dot * axes[b][c];
        }
        double norm = 0;
        for (double v : axes[a]) norm += v * v;
        for (double& v : axes[a]) v /= std::sqrt(norm);
    }
    KnownData k{sb::FloatMatrix(n, d), axes};
    for (size_t i = 0; i < n; ++i) {
        std::vector<double> coeff(d);
        for (size_t a = 0; a < d; ++a) coeff[a] = g(rng) * scales[a];
        for (size_t c = 0; c < d; ++c) {
            double v = 3.0 + c;  // offset: PCA must centre
            for (size_t a = 0; a < d; ++a) v += coeff[a] * axes[a][c];
            k.x.at(i, c) = static_cast<float>(v);
        }
    }
    return k;
}

double absCosine(const sb::FloatMatrix& comps, size_t row, const std::vector<double>& axis)
{
    double dot = 0;
    for (size_t c = 0; c < axis.size(); ++c) dot += comps.at(row, c) * axis[c];
    return std::fabs(dot);
}

void checkRecovers(sb::PcaSolver solver, size_t d)
{
    std::vector<double> scales(d, 0.3);
    scales[0] = 10;
    scales[1] = 5;
    scales[2] = 2;
    const KnownData data = makeData(4000, d, scales, 11);
    sb::PcaParams params;
    params.components = 3;
    params.solver = solver;
    const sb::PcaResult r = sb::computePca(data.x, params);
    for (size_t a = 0; a < 3; ++a) {
        QVERIFY2(absCosine(r.components, a, data.axes[a]) > 0.999,
                 qPrintable(QString("component %1: |cos| %2").arg(a).arg(absCosine(r.components, a, data.axes[a]))));
        const double expected = scales[a] * scales[a];
        QVERIFY2(std::fabs(r.explainedVariance[a] - expected) < 0.06 * expected,
                 qPrintable(QString("variance %1 vs %2").arg(r.explainedVariance[a]).arg(expected)));
    }
    QVERIFY(std::fabs(r.mean[0] - 3.0) < 0.5);
    // Projection = centred data · components: its variance is the explained variance.
    double var = 0;
    for (size_t i = 0; i < r.projected.rows; ++i) var += r.projected.at(i, 0) * r.projected.at(i, 0);
    var /= static_cast<double>(r.projected.rows - 1);
    QVERIFY(std::fabs(var - r.explainedVariance[0]) < 1e-3 * var);
}

}  // namespace

class TestPca : public QObject {
    Q_OBJECT
private slots:
    void exactRecoversKnownAxes() { checkRecovers(sb::PcaSolver::Exact, 12); }
    void randomizedRecoversKnownAxes() { checkRecovers(sb::PcaSolver::Randomized, 40); }

    void exactAndRandomizedAgree()
    {
        std::vector<double> scales(30);
        for (size_t a = 0; a < 30; ++a) scales[a] = 30.0 / (1.0 + a);
        const KnownData data = makeData(1500, 30, scales, 5);
        sb::PcaParams params;
        params.components = 4;
        params.solver = sb::PcaSolver::Exact;
        const auto exact = sb::computePca(data.x, params);
        params.solver = sb::PcaSolver::Randomized;
        const auto randomized = sb::computePca(data.x, params);
        for (size_t a = 0; a < 4; ++a) {
            QVERIFY(std::fabs(exact.explainedVariance[a] - randomized.explainedVariance[a]) <
                    1e-6 * exact.explainedVariance[a]);
            double dot = 0;
            for (size_t c = 0; c < 30; ++c) dot += exact.components.at(a, c) * randomized.components.at(a, c);
            QVERIFY2(dot > 0.99999, qPrintable(QString::number(dot)));  // same sign convention too
        }
    }

    void rejectsTooManyComponents()
    {
        sb::FloatMatrix x(10, 3);
        sb::PcaParams params;
        params.components = 4;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::computePca(x, params));
    }
};

QTEST_GUILESS_MAIN(TestPca)
#include "tst_Pca.moc"
