// Tests of core/audio: reading wav/flac/ogg fixtures made here with libsndfile, stereo
// down-mix, libsoxr resampling accuracy, and errors that name the file.
#include "core/audio/AudioLoading.h"
#include "core/common/Error.h"

#include <sndfile.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <limits>

namespace {

std::vector<float> sine(double frequency, double amplitude, int rate, size_t n)
{
    std::vector<float> s(n);
    for (size_t i = 0; i < n; ++i) s[i] = float(amplitude * std::sin(2 * M_PI * frequency * double(i) / rate));
    return s;
}

// Writes interleaved frames with libsndfile in the given major|subtype format.
void writeFixture(const std::string& path, const std::vector<float>& interleaved, int channels, int rate, int format)
{
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    QVERIFY2(f, sf_strerror(nullptr));
    sf_writef_float(f, interleaved.data(), sf_count_t(interleaved.size() / size_t(channels)));
    sf_close(f);
}

struct SineFit {
    double amplitude;
    double residualRms;  // what is left after removing the best sinusoid at the frequency
};

// Least-squares fit of a sinusoid at `frequency` over the middle of the signal (away from
// the resampler's edge transients).
SineFit fitSine(const std::vector<float>& s, double frequency, int rate)
{
    const size_t begin = s.size() / 4, end = 3 * s.size() / 4;
    double c = 0, q = 0;
    for (size_t i = begin; i < end; ++i) {
        const double phase = 2 * M_PI * frequency * double(i) / rate;
        c += s[i] * std::cos(phase);
        q += s[i] * std::sin(phase);
    }
    const double n = double(end - begin);
    c *= 2 / n;
    q *= 2 / n;
    double residual = 0;
    for (size_t i = begin; i < end; ++i) {
        const double phase = 2 * M_PI * frequency * double(i) / rate;
        const double r = s[i] - (c * std::cos(phase) + q * std::sin(phase));
        residual += r * r;
    }
    return {std::hypot(c, q), std::sqrt(residual / n)};
}

template <typename F>
void expectErrorNaming(const std::string& path, F&& call, const char* messagePart)
{
    try {
        call();
        QFAIL("no error");
    } catch (const sb::Error& e) {
        QCOMPARE(e.where(), path);
        QVERIFY2(e.message().find(messagePart) != std::string::npos, e.message().c_str());
    }
}

}  // namespace

class TestAudio : public QObject {
    Q_OBJECT
private slots:
    void readsWavFlacOgg_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("wav16") << "a.wav" << (SF_FORMAT_WAV | SF_FORMAT_PCM_16) << 1e-4;
        QTest::newRow("wavfloat") << "a.wav" << (SF_FORMAT_WAV | SF_FORMAT_FLOAT) << 1e-7;
        QTest::newRow("flac") << "a.flac" << (SF_FORMAT_FLAC | SF_FORMAT_PCM_16) << 1e-4;
        QTest::newRow("ogg") << "a.ogg" << (SF_FORMAT_OGG | SF_FORMAT_VORBIS) << 0.05;
    }
    void readsWavFlacOgg()
    {
        QFETCH(QString, name);
        QFETCH(int, format);
        QFETCH(double, tolerance);
        QTemporaryDir dir;
        const std::string path = dir.filePath(name).toStdString();
        const auto s = sine(440, 0.5, 44100, 44100);
        writeFixture(path, s, 1, 44100, format);
        const sb::MonoAudio a = sb::readMonoAudio(path);
        QCOMPARE(a.sampleRate, 44100);
        QCOMPARE(a.samples.size(), s.size());
        const SineFit fit = fitSine(a.samples, 440, 44100);
        QVERIFY2(std::abs(fit.amplitude - 0.5) < tolerance, std::to_string(fit.amplitude).c_str());
    }

    void stereoIsAveragedToMono()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("stereo.wav")).toStdString();
        const auto left = sine(300, 0.6, 16000, 8000);
        const auto right = sine(1000, 0.2, 16000, 8000);
        std::vector<float> interleaved;
        for (size_t i = 0; i < left.size(); ++i) interleaved.insert(interleaved.end(), {left[i], right[i]});
        writeFixture(path, interleaved, 2, 16000, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const auto a = sb::readMonoAudio(path);
        QCOMPARE(a.samples.size(), left.size());
        for (size_t i = 0; i < left.size(); ++i) QCOMPARE(a.samples[i], (left[i] + right[i]) / 2.f);
    }

    void resamplingKeepsFrequencyAndAmplitude_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<double>("frequency");
        QTest::newRow("44.1k->32k") << 44100 << 32000 << 1000.0;
        QTest::newRow("44.1k->16k") << 44100 << 16000 << 3000.0;
        QTest::newRow("16k->32k") << 16000 << 32000 << 440.0;
        QTest::newRow("48k->16k") << 48000 << 16000 << 7000.0;  // near the passband edge (7.3 kHz)
    }
    void resamplingKeepsFrequencyAndAmplitude()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(double, frequency);
        const auto in = sine(frequency, 0.5, from, size_t(from));  // 1 s
        sb::Resampler r(from, to);
        const auto out = r.process(in);
        QCOMPARE(out.size(), size_t(to));
        const SineFit fit = fitSine(out, frequency, to);
        qInfo("%d -> %d Hz, %.0f Hz sine: amplitude %.6f, residual rms %.2e", from, to, frequency, fit.amplitude,
              fit.residualRms);
        QVERIFY(std::abs(fit.amplitude - 0.5) < 1e-3);
        QVERIFY(fit.residualRms < 1e-4);  // same frequency and phase, nothing else added
        // Reuse: a second signal through the same Resampler gives the same result.
        QCOMPARE(r.process(in), out);
    }

    void resamplingRemovesContentAboveNewNyquist()
    {
        const auto in = sine(12000, 0.5, 44100, 44100);
        const auto out = sb::resampleTo(in, 44100, 16000);
        double rms = 0;
        for (size_t i = out.size() / 4; i < 3 * out.size() / 4; ++i) rms += double(out[i]) * out[i];
        rms = std::sqrt(rms / double(out.size() / 2));
        QVERIFY2(rms < 1e-4, std::to_string(rms).c_str());  // 12 kHz cannot exist at 16 kHz: gone, not aliased
    }

    void loadMonoAtResamples()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("clip.flac")).toStdString();
        writeFixture(path, sine(500, 0.3, 44100, 44100), 1, 44100, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
        const auto a = sb::loadMonoAt(path, 32000, 1.0);
        QCOMPARE(a.sampleRate, 32000);
        QCOMPARE(a.samples.size(), size_t(32000));
        QVERIFY(std::abs(fitSine(a.samples, 500, 32000).amplitude - 0.3) < 1e-3);
        const auto same = sb::loadMonoAt(path, 44100);
        QCOMPARE(same.samples.size(), size_t(44100));
    }

    void errorsNameTheFile()
    {
        QTemporaryDir dir;
        const std::string missing = dir.filePath(QStringLiteral("missing.wav")).toStdString();
        expectErrorNaming(missing, [&] { sb::loadMonoAt(missing, 16000); }, "does not exist");

        const std::string corrupt = dir.filePath(QStringLiteral("corrupt.wav")).toStdString();
        std::ofstream(corrupt) << "RIFF this is not audio at all";
        expectErrorNaming(corrupt, [&] { sb::loadMonoAt(corrupt, 16000); }, "cannot read audio");

        const std::string empty = dir.filePath(QStringLiteral("empty.wav")).toStdString();
        writeFixture(empty, {}, 1, 16000, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        expectErrorNaming(empty, [&] { sb::loadMonoAt(empty, 16000); }, "no samples");

        const std::string shortClip = dir.filePath(QStringLiteral("short.ogg")).toStdString();
        writeFixture(shortClip, sine(440, 0.5, 32000, 16000), 1, 32000, SF_FORMAT_OGG | SF_FORMAT_VORBIS);
        expectErrorNaming(shortClip, [&] { sb::loadMonoAt(shortClip, 32000, 1.0); }, "too short");

        const std::string nan = dir.filePath(QStringLiteral("nan.wav")).toStdString();
        auto samples = sine(440, 0.5, 16000, 1600);
        samples[100] = std::numeric_limits<float>::quiet_NaN();
        writeFixture(nan, samples, 1, 16000, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        expectErrorNaming(nan, [&] { sb::loadMonoAt(nan, 16000); }, "non-finite");
    }

    void invalidRatesAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::Resampler(0, 16000));
        QCOMPARE(sb::Resampler::outputLength(44100, 44100, 32000), size_t(32000));
        QCOMPARE(sb::Resampler::outputLength(441, 44100, 16000), size_t(160));
    }
};

QTEST_GUILESS_MAIN(TestAudio)
#include "tst_Audio.moc"
