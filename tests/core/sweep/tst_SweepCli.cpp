// Sweeps run on this machine through scenebench-cli, as a user runs them: Ctrl-C and
// running again, a failing cell retried once and reported, teachers shared between the
// cells of one subset and seed (and equal to training them), and bad input. The same
// sweep on Slurm: tst_sweep_slurm.
#include "tests/core/sweep/SweepCliFixture.h"
#include "tests/core/train/CliRunFixture.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <filesystem>

namespace fs = std::filesystem;
using sb::test::runCli;
using sb::test::startCli;

class TestSweepCli : public QObject {
    Q_OBJECT
    QTemporaryDir root_;
    QString cache_;

    QString path(const char* name) const { return root_.filePath(QLatin1String(name)); }
    int sweep(const QStringList& args, QByteArray* output = nullptr)
    {
        return sb::test::runSweepCli(args, cache_, output);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(root_.isValid());
        cache_ = path("cache");
    }

    void ctrlCStopsTheCellsAndRunningAgainFinishesThem()
    {
        const QString experiment = sb::test::writeTinySweep(root_.path(), "two-seeds", {{"seeds", {1, 2}}});
        const QString dir = path("two-seeds");
        QVERIFY(sweep({QStringLiteral("plan"), experiment, QStringLiteral("--out"), dir}) == 0);
        auto p = startCli({QStringLiteral("sweep"), QStringLiteral("run"), dir, QStringLiteral("--jobs"),
                           QStringLiteral("2"), QStringLiteral("--threads"), QStringLiteral("1")},
                          cache_);
        QVERIFY(p->waitForStarted());
        for (const char* cell : {"split100-seed1", "split100-seed2"})
            QTRY_VERIFY_WITH_TIMEOUT(sb::test::eventLogged((dir + QLatin1String("/") + QLatin1String(cell)).toStdString(),
                                                           "epoch", "student"),
                                     300000);
        ::kill(pid_t(p->processId()), SIGINT);
        QVERIFY(p->waitForFinished(60000));
        QCOMPARE(p->exitCode(), 130);
        const auto stopped = sb::test::cellStates(dir, cache_);
        QCOMPARE(stopped.at("split100-seed1"), std::string("interrupted"));
        QCOMPARE(stopped.at("split100-seed2"), std::string("interrupted"));

        QByteArray output;
        QVERIFY2(sweep({QStringLiteral("run"), dir, QStringLiteral("--threads"), QStringLiteral("1")}, &output) == 0,
                 output.constData());
        QVERIFY2(output.contains("2 of 2 cells done"), output.constData());
        QVERIFY(sb::test::waitForAll(dir, cache_, "done", 1));
        // The cell stopped and resumed equals the same experiment run straight through.
        const QString straight = path("straight-seed1");
        QVERIFY(runCli({QStringLiteral("run"), sb::test::writeTinyExperiment(root_.path(), "straight"),
                        QStringLiteral("--out"), straight},
                       cache_) == 0);
        const auto differences = sb::test::compareRuns(straight.toStdString(), (dir + QStringLiteral("/split100-seed1")).toStdString());
        QVERIFY2(differences.empty(), differences.c_str());
        // Finished cells are skipped.
        QVERIFY(sweep({QStringLiteral("run"), dir}, &output) == 0);
        QVERIFY2(output.contains("0 cells run now, 2 already done"), output.constData());
    }

    void aFailingCellIsRetriedOnceThenReported()
    {
        const QString experiment = sb::test::writeTinySweep(root_.path(), "failing", {{"seeds", {1}}}, [](auto& doc) {
            doc["teachers"][0]["checkpoint"] = "no-such-checkpoint.pt";
        });
        const QString dir = path("failing");
        QVERIFY(sweep({QStringLiteral("plan"), experiment, QStringLiteral("--out"), dir}) == 0);
        QByteArray output;
        QCOMPARE(sweep({QStringLiteral("run"), dir}, &output), 1);
        QVERIFY2(output.contains("failed: split100-seed1"), output.constData());
        const auto attempts = sb::test::fileLines(dir + QStringLiteral("/attempts/split100-seed1.jsonl"));
        QCOMPARE(attempts.filter(QStringLiteral("\"start\"")).size(), 2);
        QCOMPARE(sb::test::cellStates(dir, cache_).at("split100-seed1"), std::string("failed"));
        QVERIFY(sweep({QStringLiteral("status"), dir}, &output) == 0);
        QVERIFY2(output.contains("no-such-checkpoint.pt"), output.constData());  // why, in the status
    }

    void teachersAreTrainedOncePerSubsetAndSeed()
    {
        const QString experiment = sb::test::writeTinySweep(
            root_.path(), "ensembles", {{"ensembles", {{"frozen"}, {"frozen", "frozen2"}}}}, [](auto& doc) {
                auto second = doc["teachers"][0];
                second["name"] = "frozen2";
                second["optimizer"]["lr"] = 0.003;
                doc["teachers"].push_back(second);
            });
        const QString dir = path("ensembles");
        QVERIFY(sweep({QStringLiteral("plan"), experiment, QStringLiteral("--out"), dir}) == 0);
        QVERIFY(sweep({QStringLiteral("run"), dir}) == 0);
        const QString first = dir + QStringLiteral("/split100-seed1-frozen"),
                      second = dir + QStringLiteral("/split100-seed1-frozen+frozen2");
        const auto log1 = sb::test::fileLines(dir + QStringLiteral("/logs/split100-seed1-frozen.log"));
        const auto log2 = sb::test::fileLines(dir + QStringLiteral("/logs/split100-seed1-frozen+frozen2.log"));
        QCOMPARE(log1.filter(QStringLiteral("restored from the teacher cache")).size(), 0);
        QCOMPARE(log2.filter(QStringLiteral("restored from the teacher cache")).size(), 2);
        for (const char* teacher : {"/checkpoints/frozen.pt", "/checkpoints/frozen2.pt"})
            QVERIFY(sb::test::fileText((first + QLatin1String(teacher)).toStdString()) ==
                    sb::test::fileText((second + QLatin1String(teacher)).toStdString()));
        // Restoring gives what training gives: the second cell's experiment run on its own.
        const QString alone = path("ensembles-alone");
        QVERIFY(runCli({QStringLiteral("run"), second + QStringLiteral("/experiment.json"), QStringLiteral("--out"), alone},
                       cache_) == 0);
        const auto differences = sb::test::compareRuns(alone.toStdString(), second.toStdString());
        QVERIFY2(differences.empty(), differences.c_str());
    }

    void badInputIsRefusedWithItsPlace()
    {
        QByteArray output;
        const QString experiment = sb::test::writeTinySweep(root_.path(), "bad", {{"splits", {5, 7}}});
        QCOMPARE(sweep({QStringLiteral("plan"), experiment, QStringLiteral("--out"), path("bad")}, &output), 2);
        QVERIFY2(output.contains("sweep.splits[1]: must be one of 5, 10, 25, 50, 100, got 7"), output.constData());
        QVERIFY(!fs::exists(path("bad").toStdString()));
        const QString good = sb::test::writeTinySweep(root_.path(), "good", {{"seeds", {1}}});
        QCOMPARE(sweep({QStringLiteral("plan"), good, QStringLiteral("--out"), path("two-seeds")}, &output), 2);
        QVERIFY2(output.contains("holds a different sweep"), output.constData());
        QCOMPARE(sweep({QStringLiteral("cell"), path("two-seeds")}, &output), 2);
        QVERIFY2(output.contains("--id ID or --index N"), output.constData());
        QCOMPARE(sweep({QStringLiteral("cell"), path("two-seeds"), QStringLiteral("--index"), QStringLiteral("9")}, &output), 2);
        QVERIFY2(output.contains("no cell number 9"), output.constData());
        QCOMPARE(sweep({QStringLiteral("status"), root_.path()}, &output), 2);
        QVERIFY2(output.contains("sweep.json"), output.constData());
    }
};

QTEST_GUILESS_MAIN(TestSweepCli)
#include "tst_SweepCli.moc"
