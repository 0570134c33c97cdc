// Runs the built scenebench-cli: `demo-data` and `dataset summary`, their text and JSON
// output, and the exit code 2 (with a message on stderr) for bad input.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Result {
    int exitCode = -1;
    QString out, err;
};

Result runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"), args);
    if (!p.waitForFinished(120000)) return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

const QString kSplits = QStringLiteral(SCENEBENCH_TEST_DATA "/dcase2024-task1-splits");

}  // namespace

class TestDataCli : public QObject {
    Q_OBJECT
private slots:
    void summaryOfTheRealSplitLists()
    {
        const auto r = runCli({"dataset", "summary", kSplits, "--split", "5"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("split5.csv"));
        QVERIFY(r.out.contains(QRegularExpression("\\ntotal\\s+5080\\s+380\\s+380\\s+380\\s+380\\s+380\\s+0\\s+0\\s+0\\s+6980\\n")));
        QVERIFY(r.out.contains("missing_audio"));
        QVERIFY(r.out.count('\n') < 60);  // condensed: no line per missing file
    }

    void jsonOfACustomSubset()
    {
        const auto r = runCli({"dataset", "summary", kSplits, "--percent", "7", "--seed", "3", "--json"});
        QCOMPARE(r.exitCode, 0);
        const auto j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["layout"].toString(), QStringLiteral("splits-only"));
        QCOMPARE(j["selection"].toObject()["list"].toString(), QStringLiteral("split50"));
        const auto counts = j["counts"].toObject();
        QCOMPARE(counts["scene_device"].toArray().size(), 10);
        QCOMPARE(counts["scene_device"].toArray()[0].toArray().size(), 9);
        QVERIFY(std::abs(counts["total"].toInt() - 4886) <= 54);  // 7% of 69,800, +-1 per stratum
        QCOMPARE(j["selection"].toObject()["clips"].toInt(), counts["total"].toInt());
        const auto validation = j["validation"].toObject();
        QCOMPARE(validation["counts"].toObject()["missing_audio"].toInt(), 99480);
        bool listsMissingAudio = false;  // entries are grouped by kind; missing lists come first
        for (const auto& entry : validation["entries"].toArray())
            listsMissingAudio = listsMissingAudio || entry.toObject()["kind"].toString() == QStringLiteral("missing_audio");
        QVERIFY(listsMissingAudio);
    }

    void demoDataThenSummary()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("demo"));
        auto r = runCli({"demo-data", "--out", out, "--size", "tiny", "--seed", "4", "--threads", "2"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("220 training clips, 180 test clips"));
        r = runCli({"dataset", "summary", out, "--test", "--json"});
        QCOMPARE(r.exitCode, 0);
        const auto j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["layout"].toString(), QStringLiteral("tau22"));
        QCOMPARE(j["validation"].toObject()["total"].toInt(), 0);
        QCOMPARE(j["counts"].toObject()["total"].toInt(), 180);
        QCOMPARE(j["audio"].toObject()["selected_with_audio"].toInt(), 180);
        r = runCli({"dataset", "summary", out, "--split", "100"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Validation: clean"));
    }

    void errorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("no folder") << QStringList{"dataset", "summary"} << "missing dataset folder";
        QTest::newRow("not a dataset") << QStringList{"dataset", "summary", SCENEBENCH_TEST_DATA} << "not a TAU22 dataset folder";
        QTest::newRow("bad split") << QStringList{"dataset", "summary", kSplits, "--split", "7"} << "--split must be";
        QTest::newRow("absent split") << QStringList{"dataset", "summary", kSplits, "--split", "100"} << "no split100";
        QTest::newRow("two subsets") << QStringList{"dataset", "summary", kSplits, "--split", "5", "--percent", "3"}
                                     << "choose one";
        QTest::newRow("bad percent") << QStringList{"dataset", "summary", kSplits, "--percent", "0"} << "--percent";
        QTest::newRow("no out") << QStringList{"demo-data"} << "--out";
        QTest::newRow("bad size") << QStringList{"demo-data", "--out", "/nonexistent/x", "--size", "huge"} << "huge";
    }
    void errorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void refusesToOverwriteAForeignFolder()
    {
        QTemporaryDir dir;
        QFile keep(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("keep me");
        keep.close();
        const auto r = runCli({"demo-data", "--out", dir.path(), "--size", "tiny"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("refusing"));
        QVERIFY(r.err.contains(dir.path()));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("notes.txt"))));
    }
};

QTEST_GUILESS_MAIN(TestDataCli)
#include "tst_DataCli.moc"
