// Device impulse responses on cached features: the shift measured through the front end
// matches what the IR does to the power spectrum, and only device-a clips get it.
#include "core/common/Error.h"
#include "core/features/CpMel.h"
#include "core/features/KaldiFbank.h"
#include "core/train/DeviceResponses.h"

#include <QtTest>

#include <cmath>

class TestDeviceResponses : public QObject {
    Q_OBJECT
private slots:
    void aGainIsAUniformShift()
    {
        // h = 0.5 delta scales power by 1/4: CpMel ((log x + 4.5) / 5) shifts by ln(1/4)/5,
        // BEATs' fbank ((log x - mean) / (2 std)) by ln(1/4)/(2 * 6.55582).
        sb::CpMelParams mel;
        mel.numMels = 64;
        const sb::CpMel cpmel(mel);
        const auto c = sb::DeviceResponses::measure(cpmel, {{0.5f}});
        QCOMPARE(c.shifts().sizes().vec(), (std::vector<int64_t>{1, 64, 1}));
        QVERIFY((c.shifts() - std::log(0.25) / 5).abs().max().item<float>() < 1e-3);
        const sb::KaldiFbank fbank;
        const auto f = sb::DeviceResponses::measure(fbank, {{0.5f}});
        QCOMPARE(f.shifts().sizes().vec(), (std::vector<int64_t>{1, 1, 128}));
        // Kaldi's lowest mel triangles are narrower than an FFT bin at 16 kHz / 512 and hold
        // no energy: the log floor keeps them at 0 with or without the IR.
        const auto off = (f.shifts() - std::log(0.25) / (2 * 6.55582)).abs();
        QVERIFY(((off < 1e-3).logical_or(f.shifts() == 0)).all().item<bool>());
        QVERIFY((off < 1e-3).sum().item<int64_t>() >= 120);
    }

    void aLowPassCutsTheHighBins()
    {
        // A 4-tap moving average: flat near 0 Hz, a null at fs/4 (8 kHz at 32 kHz).
        sb::CpMelParams mel;
        mel.numMels = 64;
        const sb::CpMel cpmel(mel);
        const auto shifts = sb::DeviceResponses::measure(cpmel, {{0.25f, 0.25f, 0.25f, 0.25f}}).shifts().flatten();
        QVERIFY(std::abs(shifts[1].item<float>()) < 0.02);  // ~0 dB at low frequencies
        QVERIFY(shifts[50].item<float>() < -0.5);           // far down near the null
    }

    void onlyDeviceAClipsAreShifted()
    {
        sb::CpMelParams mel;
        mel.numMels = 64;
        const auto r = sb::DeviceResponses::measure(sb::CpMel(mel), {{0.5f}});
        const auto x = torch::zeros({4, 1, 64, 10});
        const auto flags = torch::tensor(std::vector<uint8_t>{1, 0, 1, 0}).to(torch::kBool);
        sb::RandomSource random(1);
        const auto y = r.apply(x, flags, 1.0, random);
        QVERIFY(y[0].abs().sum().item<float>() > 0 && y[2].abs().sum().item<float>() > 0);
        QCOMPARE(y[1].abs().sum().item<float>(), 0.0f);
        QCOMPARE(y[3].abs().sum().item<float>(), 0.0f);
        QVERIFY(torch::equal(r.apply(x, flags, 0.0, random), x));
        QVERIFY_THROWS_EXCEPTION(sb::Error, r.apply(x, flags.narrow(0, 0, 2), 1.0, random));
    }

    void aFolderWithoutAudioIsRefused()
    {
        sb::CpMelParams mel;
        mel.numMels = 64;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::DeviceResponses::fromFolder(SCENEBENCH_SOURCE_DIR "/docs", sb::CpMel(mel)));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::DeviceResponses::fromFolder("/nonexistent-irs", sb::CpMel(mel)));
    }
};

QTEST_GUILESS_MAIN(TestDeviceResponses)
#include "tst_DeviceResponses.moc"
