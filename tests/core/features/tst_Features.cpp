// Tests of core/features: the front ends against the reference outputs of the Python
// originals (tests/data/reference, tolerances from its README).
#include <torch/torch.h>

#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/common/Parallel.h"
#include "core/features/CpMel.h"
#include "core/features/KaldiFbank.h"
#include "core/features/TorchWindows.h"
#include "core/features/VectorMath.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

namespace {

constexpr double kTolerance = 1e-3;  // reference README: max abs 1e-3

sb::NpyArray reference(const std::string& name)
{
    return sb::readNpy(std::string(SCENEBENCH_TEST_DATA "/reference/") + name);
}

// Item i of an array whose first axis counts items.
std::vector<float> item(const sb::NpyArray& a, int64_t i)
{
    const auto all = a.toFloat();
    const int64_t n = a.elementCount() / a.shape[0];
    return {all.begin() + i * n, all.begin() + (i + 1) * n};
}

double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b)
{
    if (a.size() != b.size()) return INFINITY;
    double worst = 0;
    for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, double(std::abs(a[i] - b[i])));
    return worst;
}

// Computes every clip of `waves` and compares with `expected` (items of the same count).
double worstError(const sb::FrontEnd& frontEnd, const sb::NpyArray& waves, const sb::NpyArray& expected,
                  int64_t rows, int64_t cols)
{
    double worst = 0;
    for (int64_t i = 0; i < waves.shape[0]; ++i) {
        const sb::FeatureMatrix f = frontEnd.compute(item(waves, i));
        if (f.rows != rows || f.cols != cols) return INFINITY;
        worst = std::max(worst, maxAbsDiff(f.data, item(expected, i)));
    }
    return worst;
}

}  // namespace

class TestFeatures : public QObject {
    Q_OBJECT
private slots:
    void windowsMatchTorch()
    {
        for (int n : {400, 3072}) {
            const auto ours = sb::torchHannWindow(n, false);
            const torch::Tensor hann = torch::hann_window(n, /*periodic=*/false, torch::kFloat32);
            const auto* theirs = hann.data_ptr<float>();
            const double diff = maxAbsDiff(ours, std::vector<float>(theirs, theirs + n));
            qInfo("hann(%d) max abs difference to torch: %g", n, diff);
            QVERIFY(diff <= 1.2e-7);
        }
        const auto povey = sb::torchPoveyWindow(400);
        const torch::Tensor theirs = torch::hann_window(400, false, torch::kFloat32).pow(0.85);
        QVERIFY(maxAbsDiff(povey, std::vector<float>(theirs.data_ptr<float>(), theirs.data_ptr<float>() + 400)) <=
                2e-7);
    }

    void kaldiFbankMatchesBeatsPreprocess()
    {
        const sb::KaldiFbank fbank;
        const double e1 = worstError(fbank, reference("beats_wave_1s_16k.npy"), reference("beats_fbank_1s.npy"), 98, 128);
        const double e10 = worstError(fbank, reference("beats_wave_10s_16k.npy"), reference("beats_fbank_10s.npy"), 998, 128);
        qInfo("BEATs fbank max abs error: 1 s %g, 10 s %g", e1, e10);
        QVERIFY(e1 <= kTolerance);
        QVERIFY(e10 <= kTolerance);
    }

    void rawKaldiFbankMatchesTorchaudio()
    {
        sb::KaldiFbankParams p;
        p.normalise = false;
        const sb::KaldiFbank fbank(p);
        const auto waves = reference("beats_wave_1s_16k.npy");
        const sb::FeatureMatrix f = fbank.compute(item(waves, 0));
        const double e = maxAbsDiff(f.data, reference("kaldi_fbank_raw_1s.npy").toFloat());
        qInfo("raw Kaldi fbank max abs error: %g", e);
        QVERIFY(e <= kTolerance);
        QVERIFY(fbank.fingerprint() != sb::KaldiFbank().fingerprint());
    }

    void cpMelMatchesSeedCode()
    {
        const auto waves = reference("student_wave_1s_32k.npy");
        for (int mels : {256, 512}) {
            sb::CpMelParams p;
            p.numMels = mels;
            const sb::CpMel cpmel(p);
            const double e = worstError(cpmel, waves, reference("cpmel_" + std::to_string(mels) + ".npy"), mels, 64);
            qInfo("CpMel %d max abs error: %g", mels, e);
            QVERIFY(e <= kTolerance);
        }
    }

    void frameCounts()
    {
        const sb::KaldiFbank fbank;
        QCOMPARE(fbank.frameCount(16000), int64_t(98));
        QCOMPARE(fbank.frameCount(160000), int64_t(998));
        QCOMPARE(fbank.frameCount(399), int64_t(0));
        const sb::CpMel cpmel;
        QCOMPARE(cpmel.frameCount(32000), int64_t(64));
        QCOMPARE(cpmel.frameCount(320000), int64_t(640));
        QCOMPARE(cpmel.compute(std::vector<float>(cpmel.minSamples(), 0.1f)).cols, int64_t(5));
    }

    void tooShortInputIsAnError()
    {
        const sb::KaldiFbank fbank;
        QVERIFY_THROWS_EXCEPTION(sb::Error, fbank.compute(std::vector<float>(399, 0.f)));
        const sb::CpMel cpmel;
        try {
            cpmel.compute(std::vector<float>(cpmel.minSamples() - 1, 0.f));
            QFAIL("short clip accepted");
        } catch (const sb::Error& e) {
            QCOMPARE(e.where(), std::string("cpmel"));
        }
    }

    void threadsGiveIdenticalResults()
    {
        const auto wave = item(reference("student_wave_1s_32k.npy"), 1);
        const sb::CpMel cpmel;
        const auto expected = cpmel.compute(wave).data;
        std::vector<std::vector<float>> results(16);
        sb::parallelFor(results.size(), 4, [&](size_t b, size_t e) {
            for (size_t i = b; i < e; ++i) results[i] = cpmel.compute(wave).data;
        });
        for (const auto& r : results) QVERIFY(r == expected);
    }

    void vectorLogMatchesStdLog()
    {
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> exponent(-37.f, 37.f);
        std::vector<float> x(100000);
        for (float& v : x) v = std::pow(10.f, exponent(rng));
        std::vector<float> y = x;
        sb::logInPlace(y.data(), y.size());
        double worst = 0;
        for (size_t i = 0; i < x.size(); ++i) {
            const double exact = std::log(double(x[i]));
            worst = std::max(worst, std::abs(y[i] - exact) / std::max(1.0, std::abs(exact)));
        }
        qInfo("vector log max error (relative above 1, absolute below): %g", worst);
        QVERIFY(worst < 2.5e-7);
        std::vector<float> odd = {0.f, -1.f, std::numeric_limits<float>::infinity(), 1.f};
        sb::logInPlace(odd.data(), odd.size());
        QVERIFY(std::isinf(odd[0]) && odd[0] < 0);
        QVERIFY(std::isnan(odd[1]));
        QVERIFY(std::isinf(odd[2]) && odd[2] > 0);
        QCOMPARE(odd[3], 0.f);
    }

    void melBankIsKaldiTriangles()
    {
        const sb::KaldiMelBank bank(128, 512, 16000, 20, 0);
        QCOMPARE(bank.numBins(), 128);
        QCOMPARE(bank.fftBins(), 257);
        const auto dense = bank.dense();
        int empty = 0;
        for (int m = 0; m < 128; ++m) {
            QCOMPARE(dense[size_t(m * 257 + 256)], 0.f);  // the appended Nyquist column
            float peak = 0;
            for (int k = 0; k < 257; ++k) peak = std::max(peak, dense[size_t(m * 257 + k)]);
            QVERIFY(peak <= 1.f);  // triangles, no area normalisation
            empty += peak == 0.f;
        }
        // torchaudio's bank has exactly one filter narrower than an FFT bin (no weight at all).
        QCOMPARE(empty, 1);
    }
};

QTEST_GUILESS_MAIN(TestFeatures)
#include "tst_Features.moc"
