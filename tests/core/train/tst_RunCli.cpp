// scenebench-cli run / resume / eval as a user drives them: a run killed with SIGKILL
// twice (inside a teacher, inside the student) and resumed ends with the same
// summary.json, weights and predictions as an uninterrupted run; bad input exits with 2.
// (tst_RunCrash kills at random moments and during writes, and fills the disk.)
#include "tests/core/train/CliRunFixture.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using sb::test::runCli;
using sb::test::startCli;

class TestRunCli : public QObject {
    Q_OBJECT
    QTemporaryDir root_;
    QString cache_, experiment_;

private slots:
    void initTestCase()
    {
        QVERIFY(root_.isValid());
        cache_ = root_.filePath(QStringLiteral("cache"));
        experiment_ = sb::test::writeTinyExperiment(root_.path(), "kill-test");
    }

    void killedTwiceThenResumedMatchesUninterrupted()
    {
        const QString straight = root_.filePath(QStringLiteral("straight"));
        QByteArray output;
        QVERIFY2(runCli({QStringLiteral("run"), experiment_, QStringLiteral("--out"), straight}, cache_, &output) == 0,
                 output.constData());
        QVERIFY2(output.contains("student-nokd"), output.constData());  // the summary table

        const QString killed = root_.filePath(QStringLiteral("killed"));
        QStringList args = {QStringLiteral("run"), experiment_, QStringLiteral("--out"), killed};
        for (const std::string model : {"frozen", "student"}) {
            auto p = startCli(args, cache_);
            QVERIFY(p->waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(sb::test::eventLogged(killed.toStdString(), "epoch", model), 300000);
            p->kill();  // SIGKILL: no handler runs, files are left as they are
            QVERIFY(p->waitForFinished());
            QCOMPARE(p->exitStatus(), QProcess::CrashExit);
            args = {QStringLiteral("resume"), killed};
        }
        QVERIFY2(runCli(args, cache_, &output) == 0, output.constData());
        const std::string differences = sb::test::compareRuns(straight.toStdString(), killed.toStdString());
        QVERIFY2(differences.empty(), differences.c_str());
    }

    // The run lock: while one process runs a folder, a second `resume` of it is refused.
    void aRunningRunIsNotResumedTwice()
    {
        const QString folder = root_.filePath(QStringLiteral("locked"));
        auto first = startCli({QStringLiteral("run"), experiment_, QStringLiteral("--out"), folder}, cache_);
        QVERIFY(first->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sb::test::eventLogged(folder.toStdString(), "epoch", "frozen"), 300000);
        QByteArray output;
        QCOMPARE(runCli({QStringLiteral("resume"), folder}, cache_, &output), 2);
        QVERIFY2(output.contains("another process is running this run"), output.constData());
        QVERIFY2(output.contains(folder.toUtf8()), output.constData());
        first->kill();
        QVERIFY(first->waitForFinished());
    }

    void badInputExitsWithTwoAndSaysWhere()
    {
        QByteArray output;
        // An existing run is never overwritten.
        QCOMPARE(runCli({QStringLiteral("run"), experiment_, QStringLiteral("--out"), root_.filePath(QStringLiteral("straight"))},
                        cache_, &output),
                 2);
        QVERIFY2(output.contains("straight"), output.constData());
        // An invalid experiment names the field.
        const QString bad = root_.filePath(QStringLiteral("bad.json"));
        {
            std::ifstream in(experiment_.toStdString());
            auto j = nlohmann::json::parse(in);
            j["student"]["width"] = 30;
            std::ofstream(bad.toStdString()) << j.dump(2);
        }
        QCOMPARE(runCli({QStringLiteral("run"), bad, QStringLiteral("--out"), root_.filePath(QStringLiteral("bad-run"))},
                        cache_, &output),
                 2);
        QVERIFY2(output.contains("student.width"), output.constData());
        QVERIFY(!fs::exists(root_.filePath(QStringLiteral("bad-run")).toStdString()));
        // Resuming something that is not a run.
        QCOMPARE(runCli({QStringLiteral("resume"), root_.filePath(QStringLiteral("cache"))}, cache_, &output), 2);
        // eval of a missing checkpoint.
        QCOMPARE(runCli({QStringLiteral("eval"), QStringLiteral("--checkpoint"), QStringLiteral("/nowhere.pt"),
                         QStringLiteral("--dataset"), QStringLiteral("demo"), QStringLiteral("--out"),
                         root_.filePath(QStringLiteral("eval"))},
                        cache_, &output),
                 2);
        QVERIFY2(output.contains("/nowhere.pt"), output.constData());
    }
};

QTEST_GUILESS_MAIN(TestRunCli)
#include "tst_RunCli.moc"
