// Tests of the training augmentations and of the resumable random stream behind them.
#include "core/common/Error.h"
#include "core/train/Augmentations.h"

#include <QtTest>

class TestAugmentations : public QObject {
    Q_OBJECT
private slots:
    void randomStateRestoresTheSameDraws()
    {
        sb::RandomSource a(42);
        a.uniform();
        const std::string saved = a.state();
        const auto first = a.permutation(50);
        const double beta = a.beta(0.3);
        sb::RandomSource b(7);
        b.restore(saved);
        QCOMPARE(b.permutation(50), first);
        QCOMPARE(b.beta(0.3), beta);
        QVERIFY_THROWS_EXCEPTION(sb::Error, b.restore("not a state"));
    }

    void distributionsHaveTheRightMoments()
    {
        sb::RandomSource r(1);
        double sum = 0, sumSq = 0;
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            const double x = r.beta(0.3);
            QVERIFY(x >= 0 && x <= 1);
            sum += x;
            sumSq += x * x;
        }
        const double mean = sum / n, var = sumSq / n - mean * mean;
        QVERIFY(std::abs(mean - 0.5) < 0.01);
        QVERIFY(std::abs(var - 1.0 / (4 * (2 * 0.3 + 1))) < 0.005);  // Beta(a, a) variance
        auto p = r.permutation(100);
        std::sort(p.begin(), p.end());
        for (int64_t i = 0; i < 100; ++i) QCOMPARE(p[size_t(i)], i);
    }

    void mixUpMixesWithThePermutation()
    {
        sb::RandomSource r(3);
        const auto x = torch::randn({8, 1, 4, 5});
        const auto m = sb::mixUp(x, 0.3, r);
        QVERIFY(m.lambda >= 0 && m.lambda <= 1);
        const auto expected = m.lambda * x + (1 - m.lambda) * x.index_select(0, m.permutation);
        QVERIFY(torch::allclose(m.input, expected));
    }

    void freqMixStyleMixesStatisticsOnly()
    {
        sb::RandomSource r(5);
        const auto same = torch::randn({1, 1, 6, 20}).repeat({4, 1, 1, 1});
        QVERIFY(torch::allclose(sb::freqMixStyle(same, 0.4, 1.0, r), same, 1e-4, 1e-4));
        const auto x = torch::randn({4, 1, 6, 20}) * torch::arange(1, 5).view({4, 1, 1, 1}) +
                       torch::arange(4).view({4, 1, 1, 1}).to(torch::kFloat);
        QVERIFY(torch::equal(sb::freqMixStyle(x, 0.4, 0.0, r), x));
        const auto y = sb::freqMixStyle(x, 0.4, 1.0, r);
        // Each output (sample, bin) mean is a convex mix of two input means of that bin.
        const auto mu = x.mean({1, 3}), outMu = y.mean({1, 3});
        const auto lo = std::get<0>(mu.min(0)), hi = std::get<0>(mu.max(0));
        QVERIFY((outMu >= lo - 1e-4).all().item<bool>() && (outMu <= hi + 1e-4).all().item<bool>());
        QVERIFY(!torch::allclose(y, x));
    }

    void specAugmentMasksWholeBands()
    {
        sb::RandomSource r(9);
        const auto x = torch::ones({32, 1, 50, 40});
        QVERIFY(torch::equal(sb::specAugment(x, 0.0, r), x));
        const auto y = sb::specAugment(x, 1.0, r);
        long masked = 0;
        for (int64_t i = 0; i < 32; ++i) {
            const auto zeroRows = (y[i][0].sum(1) == 0).sum().item<long>();   // whole frequency bins
            const auto zeroCols = (y[i][0].sum(0) == 0).sum().item<long>();   // whole frames
            QVERIFY(zeroRows <= 10 && zeroCols <= 8);                         // at most 20 % of each axis
            const auto zeros = (y[i][0] == 0).sum().item<long>();
            QCOMPARE(zeros, zeroRows * 40 + zeroCols * 50 - zeroRows * zeroCols);  // masks are full bands
            masked += zeros;
        }
        QVERIFY(masked > 0);
    }

    void deviceImpulseResponsesConvolveDeviceAOnly()
    {
        sb::RandomSource r(11);
        const auto x = torch::randn({3, 100});
        const std::vector<torch::Tensor> delay = {torch::tensor({0.f, 1.f})};  // one-sample delay
        const auto y = sb::deviceImpulseResponses(x, {true, false, true}, delay, 1.0, r);
        QCOMPARE(y.sizes(), x.sizes());
        QVERIFY(torch::allclose(y[0].narrow(0, 1, 99), x[0].narrow(0, 0, 99), 1e-5, 1e-5));
        QVERIFY(std::abs(y[0][0].item<float>()) < 1e-5);
        QVERIFY(torch::equal(y[1], x[1]));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::deviceImpulseResponses(x, {true}, delay, 1.0, r));
    }
};

QTEST_GUILESS_MAIN(TestAugmentations)
#include "tst_Augmentations.moc"
