// Tests of the t-SNE input affinities against scikit-learn 1.2.1's P (reference data).
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/embed/Affinities.h"
#include "core/embed/NearestNeighbors.h"

#include <QtTest>

#include <cmath>
#include <random>

class TestAffinities : public QObject {
    Q_OBJECT
private slots:
    void denseMatchesSklearn()
    {
        const sb::FloatMatrix x = sb::FloatMatrix::fromNpy(
            sb::readNpy(SCENEBENCH_TEST_DATA "/reference/tsne_small_x.npy"), "tsne_small_x");
        const auto ref = sb::readNpy(SCENEBENCH_TEST_DATA "/reference/tsne_small_P.npy").toFloat();
        const std::vector<double> p = sb::denseJointProbabilities(x, 30.0, 2);
        QCOMPARE(p.size(), ref.size());
        double worst = 0, total = 0;
        for (size_t i = 0; i < p.size(); ++i) {
            worst = std::max(worst, std::fabs(p[i] - ref[i]));
            total += p[i];
        }
        QVERIFY2(worst < 1e-6, qPrintable(QString("max abs difference %1").arg(worst)));
        QVERIFY(std::fabs(total - 1.0) < 1e-9);
    }

    // With every other point as a neighbour, the sparse path is the dense one.
    void sparseWithAllNeighboursEqualsDense()
    {
        const sb::FloatMatrix x = sb::FloatMatrix::fromNpy(
            sb::readNpy(SCENEBENCH_TEST_DATA "/reference/tsne_small_x.npy"), "tsne_small_x");
        const size_t n = x.rows;
        const auto graph = sb::NeighborGraph::exact(x, n - 1, 2);
        const auto sparse = sb::SparseAffinities::fromNeighbors(graph, 30.0, 2);
        const std::vector<double> dense = sb::denseJointProbabilities(x, 30.0, 2);
        double worst = 0;
        for (size_t i = 0; i < n; ++i)
            for (int64_t e = sparse.rowStart[i]; e < sparse.rowStart[i + 1]; ++e) {
                const size_t j = static_cast<size_t>(sparse.columns[static_cast<size_t>(e)]);
                worst = std::max(worst, std::fabs(sparse.values[static_cast<size_t>(e)] - dense[i * n + j]));
            }
        QVERIFY2(worst < 1e-12, qPrintable(QString::number(worst)));
        QCOMPARE(sparse.columns.size(), n * (n - 1));
    }

    // Each conditional row has the requested perplexity: exp(entropy) = 30.
    void rowsHaveThePerplexity()
    {
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(0.f, 50.f);
        std::vector<float> d(5 * 91);
        for (float& v : d) v = u(rng);
        const auto p = sb::conditionalProbabilities(d, 5, 91, 30.0, false, 1);
        for (size_t i = 0; i < 5; ++i) {
            double h = 0, s = 0;
            for (size_t j = 0; j < 91; ++j) {
                const double v = p[i * 91 + j];
                s += v;
                if (v > 0) h -= v * std::log(v);
            }
            QVERIFY(std::fabs(s - 1.0) < 1e-12);
            QVERIFY2(std::fabs(std::exp(h) - 30.0) < 1e-3, qPrintable(QString::number(std::exp(h))));
        }
    }

    void neighbourCountIsSklearns()
    {
        QCOMPARE(sb::SparseAffinities::neighborCount(2000, 30.0), size_t(91));
        QCOMPARE(sb::SparseAffinities::neighborCount(50, 30.0), size_t(49));
    }

    void perplexityTooLargeIsRejected()
    {
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::validatePerplexity(30.0, 30));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::validatePerplexity(0.0, 30));
        sb::validatePerplexity(29.5, 30);
    }
};

QTEST_GUILESS_MAIN(TestAffinities)
#include "tst_Affinities.moc"
