// Tests of the map metrics: trustworthiness against scikit-learn, k-NN accuracy, exact KL.
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/embed/EmbeddingMetrics.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

namespace {
sb::FloatMatrix load(const char* name)
{
    const std::string path = std::string(SCENEBENCH_TEST_DATA "/embed/") + name;
    return sb::FloatMatrix::fromNpy(sb::readNpy(path), path);
}
}  // namespace

class TestEmbeddingMetrics : public QObject {
    Q_OBJECT
private slots:
    void trustworthinessMatchesSklearn_data()
    {
        QTest::addColumn<int>("k");
        QTest::newRow("k=5") << 5;
        QTest::newRow("k=10") << 10;
    }
    void trustworthinessMatchesSklearn()
    {
        QFETCH(int, k);
        std::ifstream in(SCENEBENCH_TEST_DATA "/embed/trust.json");
        const auto expected = nlohmann::json::parse(in).at("trustworthiness_k" + std::to_string(k)).get<double>();
        const double t = sb::trustworthiness(load("trust_x.npy"), load("trust_y.npy"), static_cast<size_t>(k), 2);
        QVERIFY2(std::fabs(t - expected) < 1e-12, qPrintable(QString("%1 vs %2").arg(t, 0, 'g', 17).arg(expected)));
    }

    void trustworthinessOfTheInputItselfIsOne()
    {
        const sb::FloatMatrix y = load("trust_y.npy");
        QCOMPARE(sb::trustworthiness(y, y, 10, 2), 1.0);
    }

    void knnAccuracyCountsMajorities()
    {
        // Two tight groups on a line and one point of group 1 placed inside group 0.
        sb::FloatMatrix y(7, 2);
        const float xs[] = {0.f, 0.1f, 0.2f, 0.15f, 10.f, 10.1f, 10.2f};
        for (size_t i = 0; i < 7; ++i) y.at(i, 0) = xs[i];
        const std::vector<int64_t> labels = {0, 0, 0, 1, 1, 1, 1};
        QCOMPARE(sb::knnAccuracy(y, labels, 3, 1), 6.0 / 7.0);  // only point 3 is outvoted
        // k = 2: points 1 and 2 tie 1:1 and follow their nearest neighbour, point 3.
        QCOMPARE(sb::knnAccuracy(y, labels, 2, 1), 4.0 / 7.0);
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::knnAccuracy(y, {0, 1}, 2, 1));
    }

    void sparseAndDenseKlAgree()
    {
        const sb::FloatMatrix y = load("trust_y.npy");
        const size_t n = y.rows;
        sb::SparseAffinities p;
        p.points = n;
        std::vector<double> dense(n * n, 0.0);
        for (size_t i = 0; i < n; ++i) {
            for (size_t j : {(i + 1) % n, (i + n - 1) % n}) {
                p.columns.push_back(static_cast<int32_t>(j));
                p.values.push_back(0.5 / static_cast<double>(n));
                dense[i * n + j] = 0.5 / static_cast<double>(n);
            }
            p.rowStart.push_back(static_cast<int64_t>(2 * i));
        }
        p.rowStart.push_back(static_cast<int64_t>(2 * n));
        const double sparseKl = sb::exactKlDivergence(p, y, 2);
        const double denseKl = sb::exactKlDivergence(dense, y, 2);
        QVERIFY(sparseKl > 0);
        // The dense form adds p·log(eps/q) terms for p = 0... which are 0; equal up to rounding.
        QVERIFY2(std::fabs(sparseKl - denseKl) < 1e-9, qPrintable(QString("%1 vs %2").arg(sparseKl).arg(denseKl)));
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingMetrics)
#include "tst_EmbeddingMetrics.moc"
