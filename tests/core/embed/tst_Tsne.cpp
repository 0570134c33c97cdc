// Tests of t-SNE: gradients, determinism, quality on blobs, snapshots, pause and cancel.
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/embed/Affinities.h"
#include "core/embed/EmbeddingMetrics.h"
#include "core/embed/ExactGradient.h"
#include "core/embed/DirectRepulsion.h"
#include "core/embed/FftRepulsion.h"
#include "core/embed/NearestNeighbors.h"
#include "core/embed/SparseGradient.h"
#include "core/embed/Tsne.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

namespace {

// `perBlob` points around each of `blobs` centres 12 standard deviations apart, in 10-D.
sb::FloatMatrix blobs(size_t blobs, size_t perBlob, std::vector<int64_t>& labels)
{
    std::mt19937 rng(42);
    std::normal_distribution<float> g;
    std::vector<std::vector<float>> centres(blobs, std::vector<float>(10));
    for (auto& c : centres)
        for (float& v : c) v = 12.f * g(rng);
    sb::FloatMatrix x(blobs * perBlob, 10);
    labels.clear();
    for (size_t i = 0; i < x.rows; ++i) {
        const size_t b = i % blobs;
        labels.push_back(static_cast<int64_t>(b));
        for (size_t c = 0; c < 10; ++c) x.at(i, c) = centres[b][c] + g(rng);
    }
    return x;
}

sb::FloatMatrix smallX()
{
    return sb::FloatMatrix::fromNpy(sb::readNpy(SCENEBENCH_TEST_DATA "/reference/tsne_small_x.npy"), "tsne_small_x");
}

double relativeError(const std::vector<double>& expected, const std::vector<double>& actual)
{
    double diff = 0, norm = 0;
    for (size_t c = 0; c < expected.size(); ++c) {
        diff += (expected[c] - actual[c]) * (expected[c] - actual[c]);
        norm += expected[c] * expected[c];
    }
    return std::sqrt(diff / norm);
}

}  // namespace

class TestTsne : public QObject {
    Q_OBJECT
    std::vector<double> spreadLayout_;  // a t-SNE map of tsne_small_x, made once

private slots:
    // Sparse-P gradients with direct and FFT-interpolated repulsion against the exact
    // all-pairs gradient on the same P, at a compact layout (as in the early iterations).
    void gradientsMatchExact_data()
    {
        QTest::addColumn<bool>("fft");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("direct") << false << 1e-5;
        QTest::newRow("fft") << true << 1e-4;
    }
    void gradientsMatchExact()
    {
        QFETCH(bool, fft);
        QFETCH(double, tolerance);
        const sb::FloatMatrix x = smallX();
        const size_t n = x.rows;
        const auto graph = sb::NeighborGraph::exact(x, sb::SparseAffinities::neighborCount(n, 30), 2);
        const auto sparse = sb::SparseAffinities::fromNeighbors(graph, 30, 2);
        std::vector<double> dense(n * n, 0.0);
        for (size_t i = 0; i < n; ++i)
            for (int64_t e = sparse.rowStart[i]; e < sparse.rowStart[i + 1]; ++e)
                dense[i * n + static_cast<size_t>(sparse.columns[static_cast<size_t>(e)])] =
                    sparse.values[static_cast<size_t>(e)];
        std::mt19937 rng(1);
        std::normal_distribution<double> g(0.0, 0.5);
        std::vector<double> y(2 * n);
        for (double& v : y) v = g(rng);
        std::vector<double> exactGrad(2 * n), grad(2 * n);
        sb::ExactGradient exact(dense, n, 2);
        exact.compute(y, 12.0, exactGrad, false);
        std::unique_ptr<sb::Repulsion> repulsion;
        if (fft) repulsion = std::make_unique<sb::FftRepulsion>(2);
        else repulsion = std::make_unique<sb::DirectRepulsion>(2);
        sb::SparseGradient approximate(sparse, std::move(repulsion), 2);
        approximate.compute(y, 12.0, grad, false);
        const double rel = relativeError(exactGrad, grad);
        QVERIFY2(rel < tolerance, qPrintable(QString("relative error %1").arg(rel)));
    }

    // Repulsion and Z on a spread-out (converged) layout against double-precision sums.
    void repulsionMatchesBruteForce_data()
    {
        QTest::addColumn<bool>("fft");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("direct") << false << 1e-5;
        QTest::newRow("fft") << true << 5e-2;  // FIt-SNE's accuracy at 3 nodes per unit of layout
    }
    void repulsionMatchesBruteForce()
    {
        QFETCH(bool, fft);
        QFETCH(double, tolerance);
        const sb::FloatMatrix x = smallX();
        const size_t n = x.rows;
        if (spreadLayout_.empty()) {
            sb::TsneParams params;
            params.iterations = 400;
            params.method = sb::TsneMethod::Direct;
            sb::CancellationToken token;
            const auto map = sb::runTsne(x, params, token);
            spreadLayout_.assign(map.layout.values.begin(), map.layout.values.end());
        }
        const std::vector<double>& y = spreadLayout_;
        std::vector<double> expected(2 * n, 0.0), rep;
        double z = 0;
        for (size_t i = 0; i < n; ++i)
            for (size_t j = 0; j < n; ++j) {
                if (i == j) continue;
                const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                const double w = 1 / (1 + dx * dx + dy * dy);
                z += w;
                expected[2 * i] += w * w * dx;
                expected[2 * i + 1] += w * w * dy;
            }
        std::unique_ptr<sb::Repulsion> repulsion;
        if (fft) repulsion = std::make_unique<sb::FftRepulsion>(2);
        else repulsion = std::make_unique<sb::DirectRepulsion>(2);
        const double approximateZ = repulsion->compute(y, rep);
        QVERIFY2(std::fabs(approximateZ - z) < tolerance * z, qPrintable(QString("Z %1 vs %2").arg(approximateZ).arg(z)));
        const double rel = relativeError(expected, rep);
        QVERIFY2(rel < tolerance, qPrintable(QString("relative error %1").arg(rel)));
    }

    void sameSeedSameMap()
    {
        const sb::FloatMatrix x = smallX();
        sb::TsneParams params;
        params.iterations = 60;
        params.method = sb::TsneMethod::Fft;
        params.init = sb::TsneInit::Random;
        params.seed = 5;
        params.threads = 2;
        sb::CancellationToken token;
        const auto a = sb::runTsne(x, params, token);
        const auto b = sb::runTsne(x, params, token);
        QVERIFY(a.layout.values == b.layout.values);
        params.seed = 6;
        const auto c = sb::runTsne(x, params, token);
        QVERIFY(a.layout.values != c.layout.values);
    }

    void separatesBlobs_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("iterations");
        QTest::newRow("exact") << int(sb::TsneMethod::Exact) << 1000;
        QTest::newRow("direct") << int(sb::TsneMethod::Direct) << 1000;
        QTest::newRow("fft") << int(sb::TsneMethod::Fft) << 400;  // the grid dominates at small N
    }
    void separatesBlobs()
    {
        QFETCH(int, method);
        QFETCH(int, iterations);
        std::vector<int64_t> labels;
        const sb::FloatMatrix x = blobs(5, 100, labels);
        sb::TsneParams params;
        params.method = static_cast<sb::TsneMethod>(method);
        params.iterations = iterations;
        sb::CancellationToken token;
        const auto r = sb::runTsne(x, params, token);
        QCOMPARE(r.layout.rows, size_t(500));
        QCOMPARE(r.iterations, iterations);
        QVERIFY(std::isfinite(r.kl) && r.kl > 0);
        const double accuracy = sb::knnAccuracy(r.layout, labels, 10, 2);
        QVERIFY2(accuracy > 0.95, qPrintable(QString::number(accuracy)));
        const double trust = sb::trustworthiness(x, r.layout, 10, 2);
        QVERIFY2(trust > 0.9, qPrintable(QString::number(trust)));
    }

    void snapshotsEveryKIterations()
    {
        const sb::FloatMatrix x = smallX();
        sb::TsneParams params;
        params.iterations = 50;
        params.snapshotInterval = 7;
        std::vector<int> seen;
        sb::CancellationToken token;
        sb::runTsne(x, params, token, nullptr, [&](const sb::TsneSnapshot& s) {
            seen.push_back(s.iteration);
            QCOMPARE(s.layout.size(), size_t(2 * x.rows));
            QVERIFY(std::isfinite(s.kl));
            QCOMPARE(s.exaggerated, s.iteration <= 250);
        });
        QCOMPARE(seen, (std::vector<int>{7, 14, 21, 28, 35, 42, 49, 50}));
    }

    void cancelStopsTheJob()
    {
        const sb::FloatMatrix x = smallX();
        sb::TsneParams params;
        params.snapshotInterval = 10;
        sb::CancellationToken token;
        int last = 0;
        QVERIFY_THROWS_EXCEPTION(sb::Cancelled, sb::runTsne(x, params, token, nullptr, [&](const sb::TsneSnapshot& s) {
            last = s.iteration;
            if (s.iteration == 30) token.cancel();
        }));
        QCOMPARE(last, 30);
    }

    void pauseHoldsTheJob()
    {
        const sb::FloatMatrix x = smallX();
        sb::TsneParams params;
        params.iterations = 60;
        params.snapshotInterval = 10;
        sb::CancellationToken token;
        std::atomic<int> last{0};
        int atResume = -1;
        std::thread resumer([&] {
            while (!token.isPaused()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            atResume = last;  // nothing ran while paused
            token.setPaused(false);
        });
        const auto r = sb::runTsne(x, params, token, nullptr, [&](const sb::TsneSnapshot& s) {
            last = s.iteration;
            if (s.iteration == 20) token.setPaused(true);
        });
        resumer.join();
        QCOMPARE(atResume, 20);
        QCOMPARE(last.load(), 60);
        QCOMPARE(r.iterations, 60);
        QVERIFY(r.seconds >= 0.3);
    }

    void rejectsBadInput()
    {
        sb::CancellationToken token;
        sb::TsneParams params;
        sb::FloatMatrix tiny(20, 3);
        for (size_t i = 0; i < tiny.values.size(); ++i) tiny.values[i] = static_cast<float>(i % 7);
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::runTsne(tiny, params, token));  // perplexity 30 >= 20 points
        params.perplexity = 5;
        tiny.at(3, 1) = std::nanf("");
        try {
            sb::runTsne(tiny, params, token);
            QFAIL("NaN accepted");
        } catch (const sb::Error& e) {
            QVERIFY(std::string(e.what()).find("row 3, column 1") != std::string::npos);
        }
    }

    void exactGradientRefusesMapsTooBigForMemory()
    {
        sb::CancellationToken token;
        sb::TsneParams params;
        params.method = sb::TsneMethod::Exact;
        sb::FloatMatrix big(15001, 2);  // refused before any N x N allocation
        for (size_t i = 0; i < big.values.size(); ++i) big.values[i] = static_cast<float>(i % 11);
        try {
            sb::runTsne(big, params, token);
            QFAIL("exact gradient accepted 15,001 points");
        } catch (const sb::Error& e) {
            QVERIFY2(std::string(e.what()).find("limited to 15000 points, got 15001") != std::string::npos, e.what());
        }
        params.method = sb::TsneMethod::Auto;  // the same when Auto would choose it
        params.exactMaxPoints = 20000;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::runTsne(big, params, token));
    }
};

QTEST_GUILESS_MAIN(TestTsne)
#include "tst_Tsne.moc"
