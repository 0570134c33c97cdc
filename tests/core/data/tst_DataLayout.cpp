// Tests of the TAU22 layout reader: file names, the real DCASE 2024 split lists (counts
// from their README), official split nesting, and the validation report on broken lists.
#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/data/ClipName.h"
#include "core/data/Counts.h"
#include "core/data/DatasetLoader.h"
#include "core/data/SubsetChoice.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace {

const std::string kSplits = SCENEBENCH_TEST_DATA "/dcase2024-task1-splits";

const sb::DatasetIndex& realSplits()
{
    static const sb::DatasetIndex index = [] {
        sb::CancellationToken token;
        sb::DatasetLoadParams params;
        params.root = kSplits;
        return sb::loadDataset(params, nullptr, token);
    }();
    return index;
}

void writeText(const std::string& path, const std::string& text)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

const sb::ValidationIssue* findIssue(const sb::ValidationReport& report, sb::IssueKind kind, const std::string& file,
                                     long line)
{
    for (const auto& e : report.entries())
        if (e.kind == kind && e.file == file && e.line == line) return &e;
    return nullptr;
}

}  // namespace

class TestDataLayout : public QObject {
    Q_OBJECT
private slots:
    void parsesClipNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("location");
        QTest::addColumn<int>("segment");
        QTest::addColumn<QString>("device");
        QTest::newRow("real") << "audio/airport-lisbon-1000-40000-0-a.wav" << true << "1000-40000" << 0 << "a";
        QTest::newRow("underscore scene") << "audio/street_traffic-paris-7-123-9-s3.wav" << true << "7-123" << 9 << "s3";
        QTest::newRow("one-field location") << "bus-lyon-12-3-b.wav" << true << "12" << 3 << "b";
        QTest::newRow("no extension") << "audio/bus-lyon-12-3-4-b" << false << "" << 0 << "";
        QTest::newRow("too few fields") << "audio/bus-lyon-3-b.wav" << false << "" << 0 << "";
        QTest::newRow("segment not a number") << "audio/bus-lyon-1-2-x-b.wav" << false << "" << 0 << "";
        QTest::newRow("empty field") << "audio/bus--1-2-3-b.wav" << false << "" << 0 << "";
    }
    void parsesClipNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        std::string why;
        const auto parsed = sb::parseClipName(name.toStdString(), &why);
        QCOMPARE(parsed.has_value(), ok);
        if (!ok) {
            QVERIFY(!why.empty());
            return;
        }
        QFETCH(QString, location);
        QFETCH(int, segment);
        QFETCH(QString, device);
        QCOMPARE(QString::fromStdString(parsed->location), location);
        QCOMPARE(parsed->segment, segment);
        QCOMPARE(QString::fromStdString(parsed->device), device);
    }

    void clipNameRoundTrip()
    {
        const auto name = sb::parseClipName("audio/airport-lisbon-1000-40000-0-a.wav");
        QVERIFY(name.has_value());
        QCOMPARE(name->fileName(), std::string("audio/airport-lisbon-1000-40000-0-a.wav"));
        QCOMPARE(name->identifier(), std::string("lisbon-1000"));
    }

    void detectsLayout()
    {
        QCOMPARE(sb::detectLayout(kSplits), sb::DatasetLayout::SplitsOnly);
        QTemporaryDir empty;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::detectLayout(empty.path().toStdString()));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::detectLayout(empty.path().toStdString() + "/nope"));
    }

    // Per-device counts from tests/data/dcase2024-task1-splits/README.md.
    void realSplitCounts_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QList<int>>("perDevice");  // a b c s1 s2 s3 s4 s5 s6
        QTest::newRow("split5") << "split5" << QList<int>{5080, 380, 380, 380, 380, 380, 0, 0, 0};
        QTest::newRow("split10") << "split10" << QList<int>{10190, 730, 790, 740, 750, 760, 0, 0, 0};
        QTest::newRow("split25") << "split25" << QList<int>{25520, 1900, 1920, 1840, 1850, 1870, 0, 0, 0};
        QTest::newRow("split50") << "split50" << QList<int>{51100, 3780, 3780, 3720, 3700, 3720, 0, 0, 0};
        QTest::newRow("test") << "test" << QList<int>{3300, 3290, 3290, 3300, 3300, 3300, 3300, 3300, 3300};
    }
    void realSplitCounts()
    {
        QFETCH(QString, list);
        QFETCH(QList<int>, perDevice);
        const auto& index = realSplits();
        const auto counts = sb::Counts::of(index, index.list(list.toStdString()));
        long total = 0;
        for (int d = 0; d < 9; ++d) {
            QCOMPARE(counts.perDevice(d), long(perDevice[d]));
            total += perDevice[d];
        }
        QCOMPARE(counts.total(), total);
        for (int s = 0; s < counts.sceneCount(); ++s)  // balanced classes: ~10% each
            QVERIFY(std::abs(counts.perScene(s) - total / 10) <= total / 50);
        long cities = 0;
        for (int c = 0; c < counts.cityCount(); ++c) cities += counts.perCity(c);
        QCOMPARE(cities, total);
        QCOMPARE(counts.cityCount(), 10);  // all real cities are TAU22's
    }

    void officialSplitsNestAndTestIsDisjoint()
    {
        const auto& index = realSplits();
        QCOMPARE(index.report.count(sb::IssueKind::SplitNotNested), 0L);
        QCOMPARE(index.report.count(sb::IssueKind::SplitOverlap), 0L);
        // The checks above come from the loader; verify the property directly too.
        const std::vector<std::string> chain = {"split5", "split10", "split25", "split50"};
        for (size_t i = 0; i + 1 < chain.size(); ++i) {
            const auto& larger = index.list(chain[i + 1]);
            const std::set<size_t> big(larger.begin(), larger.end());
            for (const size_t c : index.list(chain[i])) QVERIFY(big.count(c));
        }
        const auto& train = index.list("split50");
        const std::set<size_t> trainSet(train.begin(), train.end());
        for (const size_t c : index.list("test")) QVERIFY(!trainSet.count(c));
    }

    void realSplitsReportIsCondensed()
    {
        const auto& report = realSplits().report;
        // No audio folder: one summarising entry standing for every clip, not 99,480 lines.
        const long clips = long(realSplits().clips.size());
        QCOMPARE(clips, 69800L + 29680L);
        QCOMPARE(report.count(sb::IssueKind::MissingAudio), clips);
        QCOMPARE(report.count(sb::IssueKind::MissingList), 1L);  // split100.csv
        QCOMPARE(report.total(), clips + 1);
        QCOMPARE(report.entries().size(), size_t(2));
    }

    void selectsOfficialAndTest()
    {
        const auto& index = realSplits();
        QCOMPARE(sb::selectClips(index, sb::SubsetChoice::official(25)).clips.size(), size_t(34900));
        QCOMPARE(sb::selectClips(index, sb::SubsetChoice::test()).clips.size(), size_t(29680));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::selectClips(index, sb::SubsetChoice::official(100)));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::selectClips(index, sb::SubsetChoice::official(7)));
        QCOMPARE(index.trainingPoolName(), std::string("split50"));
    }

    void reportsBrokenListsWithLineNumbers()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        writeText(root + "/meta.csv",
                  "filename\tscene_label\tidentifier\tsource_label\n"                      // 1
                  "audio/airport-lisbon-1000-40000-0-a.wav\tairport\tlisbon-1000\ta\n"     // 2 ok
                  "audio/airport-lisbon-1000-40000-1-a.wav\tairport\n"                     // 3 two fields
                  "audio/bus-paris-5-60-0-b.wav\tbus\tparis-5\tb\n"                        // 4 ok (no audio)
                  "audio/notaname.wav\tbus\tx\tb\n"                                        // 5 bad name
                  "audio/bus-paris-5-60-1-b.wav\tbeach\tparis-5\tb\n"                      // 6 unknown scene
                  "audio/airport-lisbon-1000-40000-0-a.wav\tairport\tlisbon-1000\ta\n"     // 7 duplicate of 2
                  "audio/tram-vienna-1-2-0-a.wav,tram,vienna-1,a\n"                        // 8 commas
                  "\n"                                                                     // 9 blank: ignored
                  "audio/tram-vienna-1-2-0-zz.wav\ttram\tvienna-1\tzz\n"                   // 10 unknown device
                  "audio/metro-prague-3-4-0-c.wav\ttram\tprague-3\tc\n"                    // 11 label mismatch
                  "audio/park-oslo-9-9-0-s1.wav\tpark\toslo-9\ts1\n");                     // 12 ok, extra city
        writeText(root + "/evaluation_setup/fold1_train.csv",
                  "filename\tscene_label\n"
                  "audio/airport-lisbon-1000-40000-0-a.wav\tairport\n"  // 2 ok
                  "audio/park-milan-8-8-0-a.wav\tpark\n");              // 3 not in meta
        writeText(root + "/evaluation_setup/fold1_evaluate.csv", "no header here\n");  // unusable file
        writeText(root + "/audio/airport-lisbon-1000-40000-0-a.wav", "");

        sb::CancellationToken token;
        sb::DatasetLoadParams params;
        params.root = root;
        const auto index = sb::loadDataset(params, nullptr, token);
        const auto& r = index.report;
        using K = sb::IssueKind;
        QVERIFY(findIssue(r, K::MalformedLine, "meta.csv", 3));
        QVERIFY(findIssue(r, K::BadFileName, "meta.csv", 5));
        QVERIFY(findIssue(r, K::UnknownLabel, "meta.csv", 6));
        QVERIFY(findIssue(r, K::DuplicateRow, "meta.csv", 7));
        QVERIFY(findIssue(r, K::MalformedLine, "meta.csv", 8));
        QVERIFY(findIssue(r, K::UnknownLabel, "meta.csv", 10));
        QVERIFY(findIssue(r, K::LabelMismatch, "meta.csv", 11));
        QVERIFY(findIssue(r, K::NotInMeta, "evaluation_setup/fold1_train.csv", 3));
        QVERIFY(findIssue(r, K::MalformedLine, "evaluation_setup/fold1_evaluate.csv", 1));
        QVERIFY(findIssue(r, K::MissingAudio, "meta.csv", 4));  // present folder: per-file lines
        QVERIFY(std::string(findIssue(r, K::DuplicateRow, "meta.csv", 7)->message).find("line 2") != std::string::npos);
        QVERIFY(std::string(findIssue(r, K::MalformedLine, "meta.csv", 8)->message).find("comma") != std::string::npos);
        QCOMPARE(r.count(K::MalformedLine), 3L);
        QCOMPARE(r.count(K::DuplicateRow), 1L);
        // Bad rows did not stop the good ones: 2, 4, 11, 12 and the train-only clip.
        QCOMPARE(index.list("meta").size(), size_t(4));
        QCOMPARE(index.clips.size(), size_t(5));
        QCOMPARE(index.cities.back(), std::string("oslo"));  // unknown cities are kept, after the 10
        QCOMPARE(index.clipsWithAudio(), 1L);
        QCOMPARE(r.count(K::MissingAudio), 4L);
        QCOMPARE(index.clips[0].recordingKey(), std::string("airport-lisbon-1000-40000-a"));
    }

    void cancels()
    {
        sb::CancellationToken token;
        token.cancel();
        sb::DatasetLoadParams params;
        params.root = kSplits;
        QVERIFY_THROWS_EXCEPTION(sb::Cancelled, sb::loadDataset(params, nullptr, token));
    }
};

QTEST_GUILESS_MAIN(TestDataLayout)
#include "tst_DataLayout.moc"
