// Runs the built scenebench-cli: `features` writes .npy files of the right shape and
// values, and bad input ends with exit code 2 and a message naming the file.
#include "core/audio/AudioFile.h"
#include "core/common/Npy.h"

#include <sndfile.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

namespace {

struct Result {
    int exitCode;
    QString out;
    QString err;
};

Result cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"), QStringList{"features"} + args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// A float WAV holds the samples exactly, so the CLI sees what the reference saw.
void writeFloatWav(const std::string& path, const std::vector<float>& samples, int rate, int channels)
{
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    QVERIFY(f);
    sf_writef_float(f, samples.data(), sf_count_t(samples.size()) / channels);
    sf_close(f);
}

std::vector<float> firstItem(const sb::NpyArray& a)
{
    const auto all = a.toFloat();
    return {all.begin(), all.begin() + a.elementCount() / a.shape[0]};
}

double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b)
{
    double worst = a.size() == b.size() ? 0 : INFINITY;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) worst = std::max(worst, double(std::abs(a[i] - b[i])));
    return worst;
}

}  // namespace

class TestFeaturesCli : public QObject {
    Q_OBJECT
private slots:
    void beatsMatchesPreprocess()
    {
        QTemporaryDir dir;
        const std::string wav = dir.filePath("clip.wav").toStdString();
        const std::string npy = dir.filePath("fbank.npy").toStdString();
        writeFloatWav(wav, firstItem(sb::readNpy(SCENEBENCH_TEST_DATA "/reference/beats_wave_1s_16k.npy")), 16000, 1);
        const Result r = cli({"--frontend", "beats", "--out", QString::fromStdString(npy), QString::fromStdString(wav)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto out = sb::readNpy(npy);
        QCOMPARE(out.dtype, std::string("<f4"));
        QCOMPARE(out.shape, (std::vector<int64_t>{98, 128}));
        const auto expected = firstItem(sb::readNpy(SCENEBENCH_TEST_DATA "/reference/beats_fbank_1s.npy"));
        QVERIFY(maxAbsDiff(out.toFloat(), expected) <= 1e-3);
    }

    void cpmelResamplesStereoInput()
    {
        QTemporaryDir dir;
        const std::string wav = dir.filePath("stereo44k.wav").toStdString();
        std::vector<float> stereo(2 * 44100);
        for (size_t i = 0; i < stereo.size(); ++i) stereo[i] = 0.3f * float(std::sin(0.05 * double(i)));
        writeFloatWav(wav, stereo, 44100, 2);
        for (int mels : {256, 512}) {
            const std::string npy = dir.filePath(QString("cpmel%1.npy").arg(mels)).toStdString();
            const Result r = cli({"--frontend", "cpmel", "--mels", QString::number(mels), "--out",
                                  QString::fromStdString(npy), QString::fromStdString(wav)});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QCOMPARE(sb::readNpy(npy).shape, (std::vector<int64_t>{mels, 64}));
        }
    }

    void badInputExitsWithTwo()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("x.npy");
        const QString missing = dir.filePath("missing.wav");
        Result r = cli({"--frontend", "beats", "--out", out, missing});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));

        const QString corrupt = dir.filePath("corrupt.flac");
        std::ofstream(corrupt.toStdString()) << "fLaC but not really";
        r = cli({"--frontend", "cpmel", "--out", out, corrupt});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(corrupt), qPrintable(r.err));

        r = cli({"--frontend", "mfcc", "--out", out, corrupt});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--frontend"));
        r = cli({"--frontend", "cpmel", "--mels", "300", "--out", out, corrupt});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestFeaturesCli)
#include "tst_FeaturesCli.moc"
