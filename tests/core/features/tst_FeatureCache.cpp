// Tests of the feature cache and the parallel extractor: a second run computes nothing,
// any parameter change or edited audio misses, damaged entries are detected and redone.
#include "core/audio/AudioFile.h"
#include "core/common/Error.h"
#include "core/features/CpMel.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/KaldiFbank.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> makeClips(const QTemporaryDir& dir, int count)
{
    std::mt19937 rng(7);
    std::normal_distribution<float> noise(0.f, 0.1f);
    std::vector<std::string> paths;
    for (int i = 0; i < count; ++i) {
        std::vector<float> s(44100);
        for (float& v : s) v = noise(rng);
        paths.push_back(dir.filePath(QString("clip%1.wav").arg(i)).toStdString());
        sb::writeWav16(paths.back(), s, 44100);
    }
    return paths;
}

sb::ExtractionParams withCache(const QTemporaryDir& dir)
{
    sb::ExtractionParams p;
    p.threads = 2;
    p.cacheDirectory = dir.filePath("cache").toStdString();
    return p;
}

std::vector<sb::FeatureMatrix> runAll(sb::FeatureExtractor& extractor, const std::vector<std::string>& paths)
{
    std::vector<sb::FeatureMatrix> out(paths.size());
    sb::CancellationToken token;
    extractor.extractAll(paths, nullptr, token, [&](size_t i, const sb::FeatureMatrix& f) { out[i] = f; });
    return out;
}

std::vector<fs::path> cacheFiles(const QTemporaryDir& dir)
{
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir.filePath("cache").toStdString()))
        if (e.is_regular_file()) files.push_back(e.path());
    return files;
}

class LastProgress : public sb::JobObserver {
public:
    void onProgress(const sb::Progress& p) override
    {
        std::lock_guard<std::mutex> lock(mutex);
        last = p;
    }
    std::mutex mutex;
    sb::Progress last;
};

}  // namespace

class TestFeatureCache : public QObject {
    Q_OBJECT
private slots:
    void secondRunHitsTheCache()
    {
        QTemporaryDir dir;
        const auto clips = makeClips(dir, 6);
        auto cpmel = std::make_shared<sb::CpMel>();
        sb::FeatureExtractor first(cpmel, withCache(dir));
        const auto computed = runAll(first, clips);
        QCOMPARE(first.stats().computed, 6L);
        QCOMPARE(first.stats().cacheHits, 0L);
        QCOMPARE(computed[0].rows, int64_t(256));
        QCOMPARE(computed[0].cols, int64_t(64));

        sb::FeatureExtractor second(cpmel, withCache(dir));
        const auto cached = runAll(second, clips);
        QCOMPARE(second.stats().computed, 0L);
        QCOMPARE(second.stats().cacheHits, 6L);
        for (size_t i = 0; i < clips.size(); ++i) QVERIFY(cached[i].data == computed[i].data);
        QCOMPARE(cacheFiles(dir).size(), size_t(6));  // no temporary files left behind
    }

    void anyParameterChangeMisses()
    {
        QTemporaryDir dir;
        const auto clips = makeClips(dir, 3);
        sb::FeatureExtractor base(std::make_shared<sb::CpMel>(), withCache(dir));
        runAll(base, clips);

        sb::CpMelParams wider;
        wider.numMels = 512;
        sb::FeatureExtractor mels(std::make_shared<sb::CpMel>(wider), withCache(dir));
        runAll(mels, clips);
        QCOMPARE(mels.stats().computed, 3L);

        auto vhq = withCache(dir);
        vhq.quality = sb::ResampleQuality::VeryHigh;
        sb::FeatureExtractor quality(std::make_shared<sb::CpMel>(), vhq);
        runAll(quality, clips);
        QCOMPARE(quality.stats().computed, 3L);

        sb::KaldiFbankParams unnormalised;
        unnormalised.normalise = false;
        sb::FeatureExtractor fbank(std::make_shared<sb::KaldiFbank>(), withCache(dir));
        sb::FeatureExtractor raw(std::make_shared<sb::KaldiFbank>(unnormalised), withCache(dir));
        runAll(fbank, clips);
        runAll(raw, clips);
        QCOMPARE(raw.stats().computed, 3L);
        QCOMPARE(cacheFiles(dir).size(), size_t(15));
    }

    void editedAudioMisses()
    {
        QTemporaryDir dir;
        const auto clips = makeClips(dir, 1);
        sb::FeatureExtractor first(std::make_shared<sb::KaldiFbank>(), withCache(dir));
        const auto before = first.extract(clips[0]);
        sb::writeWav16(clips[0], std::vector<float>(48000, 0.25f), 48000);  // new content, new size
        sb::FeatureExtractor second(std::make_shared<sb::KaldiFbank>(), withCache(dir));
        const auto after = second.extract(clips[0]);
        QCOMPARE(second.stats().computed, 1L);
        QVERIFY(after.data != before.data);
    }

    void corruptEntriesAreDetectedAndRecomputed()
    {
        QTemporaryDir dir;
        const auto clips = makeClips(dir, 2);
        sb::FeatureExtractor first(std::make_shared<sb::CpMel>(), withCache(dir));
        const auto good = runAll(first, clips);
        const std::string entry0 = sb::FeatureCache(*withCache(dir).cacheDirectory).entryPath(clips[0], first.fingerprint());
        const std::string entry1 = sb::FeatureCache(*withCache(dir).cacheDirectory).entryPath(clips[1], first.fingerprint());
        fs::resize_file(entry0, fs::file_size(entry0) / 2);  // a truncated write
        {
            std::fstream f(entry1, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(200);
            f.put('\x7f');  // one flipped byte inside the data
        }
        sb::FeatureExtractor second(std::make_shared<sb::CpMel>(), withCache(dir));
        const auto redone = runAll(second, clips);
        QCOMPARE(second.stats().corruptEntries, 2L);
        QCOMPARE(second.stats().computed, 2L);
        for (size_t i = 0; i < clips.size(); ++i) QVERIFY(redone[i].data == good[i].data);

        sb::FeatureExtractor third(std::make_shared<sb::CpMel>(), withCache(dir));
        runAll(third, clips);
        QCOMPARE(third.stats().cacheHits, 2L);  // the rewritten entries are whole again
    }

    void progressCancelAndErrors()
    {
        QTemporaryDir dir;
        auto clips = makeClips(dir, 4);
        sb::FeatureExtractor extractor(std::make_shared<sb::KaldiFbank>(), sb::ExtractionParams{});
        LastProgress observer;
        sb::CancellationToken token;
        extractor.extractAll(clips, &observer, token);
        QCOMPARE(observer.last.stage, std::string("features"));
        QCOMPARE(observer.last.done, 4L);
        QCOMPARE(observer.last.total, 4L);

        sb::CancellationToken cancelled;
        cancelled.cancel();
        QVERIFY_THROWS_EXCEPTION(sb::Cancelled, extractor.extractAll(clips, nullptr, cancelled));

        clips.push_back(dir.filePath("missing.wav").toStdString());
        try {
            extractor.extractAll(clips, nullptr, token);
            QFAIL("missing file accepted");
        } catch (const sb::Error& e) {
            QCOMPARE(e.where(), clips.back());
        }
    }

    void tooShortForTheFrontEndNamesTheFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("tiny.wav").toStdString();
        sb::writeWav16(path, std::vector<float>(500, 0.1f), 32000);
        sb::FeatureExtractor extractor(std::make_shared<sb::CpMel>(), sb::ExtractionParams{});
        try {
            extractor.extract(path);
            QFAIL("too-short clip accepted");
        } catch (const sb::Error& e) {
            QCOMPARE(e.where(), path);
        }
    }
};

QTEST_GUILESS_MAIN(TestFeatureCache)
#include "tst_FeatureCache.moc"
