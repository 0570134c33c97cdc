// Tests of the demo dataset: byte-identical output per seed whatever the thread count,
// a layout our own reader loads cleanly, the device proportions of the splits, and one
// realism check that can fail (a nearest-centroid classifier on log band energies).
#include "core/audio/AudioFile.h"
#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/data/Counts.h"
#include "core/data/DatasetLoader.h"
#include "core/data/DemoDataset.h"
#include "core/data/DemoWorld.h"
#include "core/data/TsvReader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fftw3.h>

#include <cmath>
#include <complex>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace {

void generate(const std::string& dir, uint64_t seed, int threads)
{
    sb::demo::DemoDatasetParams p;
    p.outDir = dir;
    p.seed = seed;
    p.size = sb::demo::DemoSize::tiny();
    p.threads = threads;
    sb::CancellationToken token;
    sb::demo::generateDemoDataset(p, nullptr, token);
}

std::map<std::string, std::string> readTree(const std::string& dir)
{
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        files[fs::relative(e.path(), dir).string()] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return files;
}

// Mean and standard deviation over frames of log energies in 20 log-spaced bands.
class BandFeatures {
public:
    explicit BandFeatures(int sampleRate) : in_(kFft), out_(kFft / 2 + 1)
    {
        plan_ = fftwf_plan_dft_r2c_1d(kFft, in_.data(), reinterpret_cast<fftwf_complex*>(out_.data()), FFTW_ESTIMATE);
        for (int b = 0; b <= kBands; ++b) edges_.push_back(50.0 * std::pow(16000.0 / 50.0, double(b) / kBands));
        binHz_ = double(sampleRate) / kFft;
    }
    ~BandFeatures() { fftwf_destroy_plan(plan_); }

    std::vector<double> operator()(const std::vector<float>& x)
    {
        std::vector<std::vector<double>> frames;
        for (size_t at = 0; at + kFft <= x.size(); at += kFft / 2) {
            for (int i = 0; i < kFft; ++i)
                in_[size_t(i)] = x[at + size_t(i)] * float(0.5 - 0.5 * std::cos(2 * M_PI * i / kFft));
            fftwf_execute(plan_);
            std::vector<double> bands(kBands, 1e-10);
            for (size_t k = 1; k < out_.size(); ++k) {
                const double hz = double(k) * binHz_;
                for (int b = 0; b < kBands; ++b)
                    if (hz >= edges_[size_t(b)] && hz < edges_[size_t(b) + 1]) bands[size_t(b)] += std::norm(out_[k]);
            }
            for (auto& v : bands) v = std::log(v);
            frames.push_back(bands);
        }
        std::vector<double> f(2 * kBands, 0.0);
        for (const auto& fr : frames)
            for (int b = 0; b < kBands; ++b) f[size_t(b)] += fr[size_t(b)] / double(frames.size());
        for (const auto& fr : frames)
            for (int b = 0; b < kBands; ++b)
                f[size_t(kBands + b)] += std::pow(fr[size_t(b)] - f[size_t(b)], 2) / double(frames.size());
        for (int b = 0; b < kBands; ++b) f[size_t(kBands + b)] = std::sqrt(f[size_t(kBands + b)]);
        return f;
    }

private:
    static constexpr int kFft = 2048, kBands = 20;
    std::vector<float> in_;
    std::vector<std::complex<float>> out_;
    fftwf_plan plan_;
    std::vector<double> edges_;
    double binHz_;
};

}  // namespace

class TestDemoDataset : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    std::string dirA_, dirB_;

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        dirA_ = tmp_.filePath(QStringLiteral("a")).toStdString();
        dirB_ = tmp_.filePath(QStringLiteral("b")).toStdString();
        generate(dirA_, 5, 1);
        generate(dirB_, 5, 3);
    }

    void sameSeedSameBytesWhateverTheThreads()
    {
        const auto a = readTree(dirA_), b = readTree(dirB_);
        QCOMPARE(a.size(), b.size());
        QVERIFY(a.size() > 400);
        for (const auto& [name, bytes] : a) {
            const auto it = b.find(name);
            QVERIFY2(it != b.end(), name.c_str());
            QVERIFY2(it->second == bytes, name.c_str());
        }
    }

    void differentSeedDifferentData()
    {
        const std::string dirC = tmp_.filePath(QStringLiteral("c")).toStdString();
        generate(dirC, 6, 2);
        const auto a = readTree(dirA_), c = readTree(dirC);
        QVERIFY(a.at("meta.csv") != c.at("meta.csv"));
        std::string audioA, audioC;
        for (const auto& [name, bytes] : a)
            if (name.rfind("audio/", 0) == 0) audioA += bytes;
        for (const auto& [name, bytes] : c)
            if (name.rfind("audio/", 0) == 0) audioC += bytes;
        QCOMPARE(audioA.size(), audioC.size());  // same size preset: same number of clips
        QVERIFY(audioA != audioC);
    }

    void layoutLoadsCleanly()
    {
        sb::CancellationToken token;
        sb::DatasetLoadParams params;
        params.root = dirA_;
        params.probeAudio = true;
        const auto index = sb::loadDataset(params, nullptr, token);
        QCOMPARE(index.layout, sb::DatasetLayout::Tau22);
        QVERIFY2(index.report.clean(), index.report.entries().empty() ? "" : index.report.entries()[0].message.c_str());
        QCOMPARE(index.clipsWithAudio(), long(index.clips.size()));
        for (const char* list : {"meta", "fold1_train", "fold1_evaluate", "fold1_test", "split5", "split10", "split25",
                                 "split50", "split100"})
            QVERIFY2(index.hasList(list), list);
        QCOMPARE(index.list("split100"), index.list("fold1_train"));
        const auto info = sb::probeAudio(dirA_ + "/" + index.clips.front().fileName);
        QCOMPARE(info.sampleRate, 44100);
        QCOMPARE(info.channels, 1);
        QCOMPARE(info.frames, int64_t(44100));
        const auto train = sb::Counts::of(index, index.list("fold1_train"));
        for (const char* unseen : {"s4", "s5", "s6"}) QCOMPARE(train.perDevice(sb::dcase::deviceIndex(unseen)), 0L);
        const auto test = sb::Counts::of(index, index.list("fold1_evaluate"));
        for (int d = 0; d < 9; ++d) QCOMPARE(test.perDevice(d), test.total() / 9);
    }

    void eventsListEveryClip()
    {
        sb::ValidationReport report;
        const auto table = sb::readTsv(dirA_ + "/events.csv", "events.csv", {"filename", "event_labels"}, report);
        QVERIFY(report.clean());
        std::set<std::string> vocabulary;
        for (const auto& e : sb::demo::eventTypes()) vocabulary.insert(std::string(e.name));
        const auto meta = readTree(dirA_).at("meta.csv");
        long withEvents = 0;
        for (const auto& row : table.rows) {
            QVERIFY(meta.find(row.fields[0] + "\t") != std::string::npos);
            std::string labels = row.fields[1];
            withEvents += labels.empty() ? 0 : 1;
            for (size_t start = 0; !labels.empty() && start <= labels.size();) {
                const size_t comma = std::min(labels.find(',', start), labels.size());
                QVERIFY2(vocabulary.count(labels.substr(start, comma - start)), labels.c_str());
                start = comma + 1;
            }
        }
        QCOMPARE(long(table.rows.size()), long(std::count(meta.begin(), meta.end(), '\n')) - 1);
        QVERIFY(withEvents > long(table.rows.size()) * 8 / 10);
    }

    void refusesForeignFoldersAndReplacesDemoOnes()
    {
        const std::string foreign = tmp_.filePath(QStringLiteral("foreign")).toStdString();
        fs::create_directories(foreign);
        std::ofstream(foreign + "/thesis.tex") << "precious";
        QVERIFY_THROWS_EXCEPTION(sb::Error, generate(foreign, 1, 1));
        QVERIFY(fs::exists(foreign + "/thesis.tex"));
        generate(dirB_, 7, 2);  // an earlier demo dataset is replaced
        const auto marker = readTree(dirB_).at(sb::demo::kDemoMarker);
        QVERIFY(marker.find("\"seed\": 7") != std::string::npos);
    }

    // Only a finished dataset of this version of the demo world is reused: a killed
    // generation or an older world is made again (the runner asks isCurrentDemoDataset).
    void currentOnlyWhenFinishedAndOfThisWorld()
    {
        const std::string dir = tmp_.filePath(QStringLiteral("current")).toStdString();
        QVERIFY(!sb::demo::isCurrentDemoDataset(dir));
        sb::demo::DemoDatasetParams p;
        p.outDir = dir;
        p.size = sb::demo::DemoSize::tiny();
        sb::CancellationToken cancelled;
        cancelled.cancel();
        QVERIFY_THROWS_EXCEPTION(sb::Cancelled, sb::demo::generateDemoDataset(p, nullptr, cancelled));
        QVERIFY(sb::demo::isDemoDataset(dir));  // known as ours, so it may be replaced ...
        QVERIFY(!sb::demo::isCurrentDemoDataset(dir));  // ... and it will be
        generate(dir, 1, 1);
        QVERIFY(sb::demo::isCurrentDemoDataset(dir));
        const std::string markerPath = dir + "/" + sb::demo::kDemoMarker;
        auto marker = readTree(dir).at(sb::demo::kDemoMarker);
        const std::string version = "\"version\": " + std::to_string(sb::demo::kDemoWorldVersion);
        QVERIFY(marker.find(version) != std::string::npos);
        marker.replace(marker.find(version), version.size(), "\"version\": 1");
        std::ofstream(markerPath) << marker;
        QVERIFY(!sb::demo::isCurrentDemoDataset(dir));
    }

    // Small preset, plan only: device a dominates the training splits like in split5
    // (73%); every device has the same number of test clips; splits nest.
    void smallPresetProportions()
    {
        const auto plan = sb::demo::DemoPlan::make(1, sb::demo::DemoSize::small());
        long train = 0, test = 0;
        std::map<int, long> testPerDevice;
        std::set<int> trainPlaces, testPlaces;
        for (const auto& c : plan.clips) (c.test ? test : train)++;
        for (const auto& c : plan.clips)
            if (c.test) testPerDevice[c.deviceIndex]++;
        for (const auto& r : plan.recordings) (r.test ? testPlaces : trainPlaces).insert(r.place);
        QCOMPARE(train, 3700L);
        QCOMPARE(test, 1800L);
        QCOMPARE(testPerDevice.size(), size_t(9));
        for (const auto& [device, n] : testPerDevice) QCOMPARE(n, 200L);
        for (const int p : testPlaces) QVERIFY(!trainPlaces.count(p));
        std::vector<size_t> previous;
        for (const auto& [percent, members] : sb::demo::demoSplits(plan)) {
            long a = 0;
            for (const size_t i : members) a += plan.clips[i].deviceIndex == 0 ? 1 : 0;
            const double share = double(a) / double(members.size());
            QVERIFY2(share > 0.70 && share < 0.76, qPrintable(QString("split%1: a is %2").arg(percent).arg(share)));
            QVERIFY(std::includes(members.begin(), members.end(), previous.begin(), previous.end()));
            previous = members;
        }
        QCOMPARE(long(previous.size()), train);
    }

    // Realism: nearest centroids of log band energies, trained on the training devices.
    // Scenes must be learnable but not trivial, and unseen devices must be harder.
    void scenesLearnableDevicesMatter()
    {
        sb::demo::DemoSize size;
        size.name = "realism";
        size.trainRecordingsA = 12;
        size.trainRecordingsOther = 2;
        size.testRecordings = 6;
        size.segments = 5;
        const auto plan = sb::demo::DemoPlan::make(3, size);
        std::vector<std::vector<float>> audio(plan.clips.size());
        sb::parallelFor(plan.recordings.size(), sb::defaultThreadCount(), [&](size_t b, size_t e) {
            for (size_t r = b; r < e; ++r)
                for (auto& clip : sb::demo::renderRecording(plan, r, 44100)) audio[clip.clip] = std::move(clip.samples);
        });
        BandFeatures features(44100);
        std::vector<std::vector<double>> x;
        for (const auto& a : audio) x.push_back(features(a));
        const size_t dims = x.front().size();
        std::vector<double> mean(dims, 0), sd(dims, 0);
        long trainCount = 0;
        for (size_t i = 0; i < x.size(); ++i)
            if (!plan.clips[i].test) {
                ++trainCount;
                for (size_t k = 0; k < dims; ++k) mean[k] += x[i][k];
            }
        for (auto& m : mean) m /= double(trainCount);
        for (size_t i = 0; i < x.size(); ++i)
            if (!plan.clips[i].test)
                for (size_t k = 0; k < dims; ++k) sd[k] += std::pow(x[i][k] - mean[k], 2) / double(trainCount);
        for (auto& s : sd) s = std::sqrt(s) + 1e-9;
        std::vector<std::vector<double>> centroid(10, std::vector<double>(dims, 0));
        std::vector<long> perScene(10, 0);
        for (size_t i = 0; i < x.size(); ++i) {
            for (size_t k = 0; k < dims; ++k) x[i][k] = (x[i][k] - mean[k]) / sd[k];
            if (plan.clips[i].test) continue;
            const int s = sb::dcase::sceneIndex(plan.clips[i].name.scene);
            perScene[size_t(s)]++;
            for (size_t k = 0; k < dims; ++k) centroid[size_t(s)][k] += x[i][k];
        }
        for (int s = 0; s < 10; ++s)
            for (auto& v : centroid[size_t(s)]) v /= double(perScene[size_t(s)]);
        std::map<int, std::pair<long, long>> hitsPerDevice;  // device -> (right, total)
        for (size_t i = 0; i < x.size(); ++i) {
            if (!plan.clips[i].test) continue;
            int best = 0;
            double bestDistance = 1e300;
            for (int s = 0; s < 10; ++s) {
                double d = 0;
                for (size_t k = 0; k < dims; ++k) d += std::pow(x[i][k] - centroid[size_t(s)][k], 2);
                if (d < bestDistance) bestDistance = d, best = s;
            }
            auto& h = hitsPerDevice[plan.clips[i].deviceIndex];
            h.first += best == sb::dcase::sceneIndex(plan.clips[i].name.scene) ? 1 : 0;
            h.second++;
        }
        auto accuracy = [&](std::initializer_list<int> devices) {
            long right = 0, total = 0;
            for (const int d : devices) right += hitsPerDevice[d].first, total += hitsPerDevice[d].second;
            return double(right) / double(total);
        };
        const double a = accuracy({0}), seen = accuracy({0, 1, 2, 3, 4, 5}), unseen = accuracy({6, 7, 8});
        qInfo("nearest centroid accuracy: device a %.3f, seen devices %.3f, unseen devices %.3f (chance 0.1)", a, seen,
              unseen);
        QVERIFY2(a > 0.3, "scenes are not learnable from device a");
        QVERIFY2(a < 0.95, "scenes are trivially separable");
        QVERIFY2(unseen < a - 0.08, "unseen devices are not harder than the reference device");
    }
};

QTEST_GUILESS_MAIN(TestDemoDataset)
#include "tst_DemoDataset.moc"
