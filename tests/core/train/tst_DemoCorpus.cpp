// The demo's pre-training corpus: the same tensors whatever the thread count, every
// clip's fbank equal to what the loader computes from the file the dataset generator
// writes for it, and its event columns those of the demo world.
#include "core/train/DemoCorpus.h"

#include "core/common/CancellationToken.h"
#include "core/data/DemoDataset.h"
#include "core/data/DemoWorld.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/KaldiFbank.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace {

sb::demo::DemoSize testSize()
{
    sb::demo::DemoSize size = sb::demo::DemoSize::tiny();
    size.testRecordings = 0;  // as in the corpus: training recordings only
    return size;
}

sb::DemoCorpus corpus(int threads)
{
    sb::CancellationToken token;
    return sb::makeDemoCorpus(7, testSize(), threads, nullptr, token);
}

std::string eventsOf(const sb::DemoCorpus& c, int64_t row)
{
    std::string list;
    for (size_t e = 0; e < c.eventNames.size(); ++e)
        if (c.events[row][int64_t(e)].item<float>() > 0) list += (list.empty() ? "" : ",") + c.eventNames[e];
    return list;
}

// The dataset's events.csv entry for a clip ("audio/<name>.wav<TAB>event,event").
std::string eventsListed(const std::string& eventsCsv, const std::string& fileName)
{
    std::ifstream in(eventsCsv);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(fileName + "\t", 0) == 0) return line.substr(fileName.size() + 1);
    return "<not listed>";
}

}  // namespace

class TestDemoCorpus : public QObject {
    Q_OBJECT

private slots:
    void sameTensorsWhateverTheThreads()
    {
        const auto one = corpus(1), two = corpus(2);
        QVERIFY(one.fbank.size(0) > 100);
        QVERIFY(torch::equal(one.fbank, two.fbank));
        QVERIFY(torch::equal(one.events, two.events));
        // A different seed is a different corpus.
        sb::CancellationToken token;
        const auto other = sb::makeDemoCorpus(8, testSize(), 2, nullptr, token);
        QVERIFY(!torch::equal(one.fbank, other.fbank));
    }

    void fbankIsWhatTheLoaderComputesFromTheGeneratedFile()
    {
        QTemporaryDir tmp;
        sb::demo::DemoDatasetParams params;
        params.outDir = tmp.path().toStdString();
        params.seed = 7;
        params.size = testSize();
        sb::CancellationToken token;
        sb::demo::generateDemoDataset(params, nullptr, token);
        const auto plan = sb::demo::DemoPlan::make(7, testSize());
        const auto c = corpus(2);
        QCOMPARE(c.fbank.size(0), int64_t(plan.clips.size()));
        QCOMPARE(c.fbank.size(2), int64_t(128));
        sb::FeatureExtractor extractor(std::make_shared<sb::KaldiFbank>());
        for (const size_t i : {size_t(0), plan.clips.size() / 2, plan.clips.size() - 1}) {
            const auto file = (fs::path(params.outDir) / plan.clips[i].name.fileName()).string();
            const auto expected = extractor.extract(file);
            QCOMPARE(c.fbank.size(1), expected.rows);
            const auto row = c.fbank[int64_t(i)].contiguous();
            const auto want = torch::from_blob(const_cast<float*>(expected.data.data()), {expected.rows, expected.cols});
            // Equal up to libsndfile's last-bit rounding, which the log magnifies in the top
            // mel bin (8 kHz, left near silent by the resampler's filter): seen 4e-3 at most
            // and 1.2e-4 on average, on values of about 0.2.
            const auto difference = (row - want).abs();
            QVERIFY2(difference.max().item<float>() < 1e-2, file.c_str());
            QVERIFY2(difference.mean().item<float>() < 5e-4, file.c_str());
            QCOMPARE(eventsOf(c, int64_t(i)), eventsListed(params.outDir + "/events.csv", plan.clips[i].name.fileName()));
        }
    }

    void eventColumnsAreTheWorldsEvents()
    {
        const auto c = corpus(2);
        std::set<std::string> world;
        for (const auto& type : sb::demo::eventTypes()) world.emplace(type.name);
        QCOMPARE(std::set<std::string>(c.eventNames.begin(), c.eventNames.end()), world);
        QVERIFY(std::is_sorted(c.eventNames.begin(), c.eventNames.end()));
        QCOMPARE(c.events.size(1), int64_t(world.size()));
        // Multi-hot, and most clips hear something.
        QVERIFY(torch::equal(c.events, c.events.clamp(0, 1).round()));
        const auto heard = (c.events.sum(1) > 0).sum().item<int64_t>();
        QVERIFY(heard > c.events.size(0) * 8 / 10);
    }
};

QTEST_GUILESS_MAIN(TestDemoCorpus)
#include "tst_DemoCorpus.moc"
