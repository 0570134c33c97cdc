// Tests of the custom nested stratified subsets, on the real DCASE 2024 split lists
// (pool: split50.csv, the largest list present): exact per-stratum proportions,
// nesting for one seed, determinism, whole recordings, independence from row order.
#include "core/common/Error.h"
#include "core/data/Counts.h"
#include "core/data/DatasetLoader.h"
#include "core/data/NestedSubset.h"
#include "core/data/SubsetChoice.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace {

const sb::DatasetIndex& realSplits()
{
    static const sb::DatasetIndex index = [] {
        sb::CancellationToken token;
        sb::DatasetLoadParams params;
        params.root = SCENEBENCH_TEST_DATA "/dcase2024-task1-splits";
        params.checkAudio = false;
        return sb::loadDataset(params, nullptr, token);
    }();
    return index;
}

const std::vector<size_t>& pool() { return realSplits().list("split50"); }

std::vector<size_t> subset(double percent, uint64_t seed)
{
    return sb::nestedStratifiedSubset(realSplits().clips, pool(), percent, seed);
}

bool contains(const std::vector<size_t>& big, const std::vector<size_t>& small)
{
    const std::set<size_t> b(big.begin(), big.end());
    return std::all_of(small.begin(), small.end(), [&](size_t i) { return b.count(i) > 0; });
}

}  // namespace

class TestNestedSubset : public QObject {
    Q_OBJECT
private slots:
    void stratifiedWithinOneOfTarget_data()
    {
        QTest::addColumn<double>("percent");
        for (const double p : {1.0, 3.0, 5.0, 7.5, 12.0, 33.3, 50.0, 99.0, 100.0})
            QTest::newRow(QByteArray::number(p).constData()) << p;
    }
    void stratifiedWithinOneOfTarget()
    {
        QFETCH(double, percent);
        const auto& index = realSplits();
        const auto all = sb::Counts::of(index, pool());
        const auto chosen = sb::Counts::of(index, subset(percent, 11));
        for (int s = 0; s < all.sceneCount(); ++s)
            for (int d = 0; d < all.deviceCount(); ++d) {
                const double target = all.sceneDevice(s, d) * percent / 100.0;
                QVERIFY2(std::fabs(double(chosen.sceneDevice(s, d)) - target) <= 1.0,
                         qPrintable(QString("scene %1 device %2: %3 vs target %4")
                                        .arg(s).arg(d).arg(chosen.sceneDevice(s, d)).arg(target)));
            }
    }

    void nestedForOneSeed()
    {
        for (const uint64_t seed : {0ull, 1ull, 12345ull}) {
            std::vector<size_t> previous;
            for (const double p : {1.0, 2.0, 5.0, 10.0, 10.5, 25.0, 60.0, 100.0}) {
                const auto current = subset(p, seed);
                QVERIFY(current.size() >= previous.size());
                QVERIFY2(contains(current, previous), qPrintable(QString("seed %1, %2%").arg(seed).arg(p)));
                previous = current;
            }
            QCOMPARE(previous, pool());  // 100% is the whole pool, in pool order
        }
    }

    void deterministicPerSeed()
    {
        QCOMPARE(subset(5, 3), subset(5, 3));
        QVERIFY(subset(5, 3) != subset(5, 4));
        // Different seeds still share nothing systematic: overlap near 5% of 5%.
        const auto a = subset(5, 3), b = subset(5, 4);
        std::vector<size_t> both;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
        QVERIFY(both.size() < a.size() / 2);
    }

    void keepsRecordingsTogether()
    {
        const auto& clips = realSplits().clips;
        const auto chosen = subset(5, 9);
        // Per stratum at most one recording is cut; all others come whole.
        std::map<std::string, int> takenPerRecording, sizePerRecording;
        for (const size_t i : pool()) sizePerRecording[clips[i].recordingKey()]++;
        for (const size_t i : chosen) takenPerRecording[clips[i].recordingKey()]++;
        std::map<std::pair<int, int>, int> cutPerStratum;
        for (const auto& [key, taken] : takenPerRecording)
            if (taken < sizePerRecording[key]) {
                const auto it = std::find_if(chosen.begin(), chosen.end(), [&](size_t i) { return clips[i].recordingKey() == key; });
                cutPerStratum[{clips[*it].scene, clips[*it].device}]++;
            }
        for (const auto& [stratum, cut] : cutPerStratum) QVERIFY(cut <= 1);
        QVERIFY(takenPerRecording.size() < chosen.size() / 5);  // whole 10-segment recordings
    }

    void independentOfRowOrder()
    {
        std::vector<size_t> reversed(pool().rbegin(), pool().rend());
        auto a = sb::nestedStratifiedSubset(realSplits().clips, reversed, 10, 5);
        std::sort(a.begin(), a.end());
        auto b = subset(10, 5);
        std::sort(b.begin(), b.end());
        QCOMPARE(a, b);
    }

    void rejectsBadPercentages()
    {
        QVERIFY_THROWS_EXCEPTION(sb::Error, subset(0, 1));
        QVERIFY_THROWS_EXCEPTION(sb::Error, subset(100.5, 1));
        QVERIFY_THROWS_EXCEPTION(sb::Error, subset(std::nan(""), 1));
    }

    void customChoiceDrawsFromTheTrainingPool()
    {
        const auto selection = sb::selectClips(realSplits(), sb::SubsetChoice::custom(5, 2));
        QCOMPARE(selection.list, std::string("split50"));
        QCOMPARE(selection.clips, subset(5, 2));
        QVERIFY(std::abs(long(selection.clips.size()) - 3490) <= 54);  // 5% of 69,800, +-1 per stratum
    }
};

QTEST_GUILESS_MAIN(TestNestedSubset)
#include "tst_NestedSubset.moc"
