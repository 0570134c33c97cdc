// A sweep handed to a real Slurm (the one-node cluster of slurm-fixture.sh, started by
// CTest's fixture; SLURM_CONF points at it): submitted as a job array, submitting again
// submits nothing new, and the finished cells equal the same sweep run locally, file for
// file; a cell cancelled with scancel mid-run and submitted again resumes (its finished
// teacher is not trained again) and ends equal to an uninterrupted run.
#include "tests/core/sweep/SweepCliFixture.h"
#include "tests/core/train/CliRunFixture.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <sys/stat.h>

namespace fs = std::filesystem;
using sb::test::runCli;

namespace {

// (inode, mtime in ns) of a file: the same file, never rewritten.
std::pair<ino_t, long long> identity(const std::string& path)
{
    struct stat s {};
    if (::stat(path.c_str(), &s) != 0) return {0, 0};
    return {s.st_ino, static_cast<long long>(s.st_mtim.tv_sec) * 1000000000LL + s.st_mtim.tv_nsec};
}

int scancel(const QString& job)
{
    return QProcess::execute(QStringLiteral("scancel"), {job});
}

}  // namespace

class TestSweepSlurm : public QObject {
    Q_OBJECT
    QTemporaryDir root_;
    QString cache_;

    QString path(const char* name) const { return root_.filePath(QLatin1String(name)); }
    int sweep(const QStringList& args, QByteArray* output = nullptr)
    {
        return sb::test::runSweepCli(args, cache_, output);
    }
    // The job id `sweep submit` printed.
    static QString jobOf(const QByteArray& output)
    {
        const auto match = QRegularExpression(QStringLiteral("submitted job (\\d+)")).match(QString::fromUtf8(output));
        return match.hasMatch() ? match.captured(1) : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("SLURM_CONF"), "run through ctest: its fixture starts the test Slurm");
        QVERIFY(root_.isValid());
        cache_ = path("cache");
        QByteArray output;
        // The cluster answers (else everything below would only time out).
        QVERIFY2(QProcess::execute(QStringLiteral("sinfo"), {}) == 0, "sinfo failed: is the test Slurm up?");
    }

    void submittedSweepEqualsTheLocalOne()
    {
        const nlohmann::json grid = {{"splits", {50, 100}}, {"seeds", {1, 2}}};
        const QString experiment = sb::test::writeTinySweep(root_.path(), "grid", grid);
        const QString local = path("local"), cluster = path("cluster");
        QByteArray output;
        QVERIFY(sweep({QStringLiteral("plan"), experiment, QStringLiteral("--out"), local}) == 0);
        QVERIFY(sweep({QStringLiteral("plan"), experiment, QStringLiteral("--out"), cluster}) == 0);
        QVERIFY2(sweep({QStringLiteral("run"), local, QStringLiteral("--jobs"), QStringLiteral("2"),
                        QStringLiteral("--threads"), QStringLiteral("1")},
                       &output) == 0,
                 output.constData());

        QVERIFY2(sweep({QStringLiteral("submit"), cluster, QStringLiteral("--slurm"), QStringLiteral("--cpus"),
                        QStringLiteral("1"), QStringLiteral("--time"), QStringLiteral("0:10:00")},
                       &output) == 0,
                 output.constData());
        QVERIFY2(!jobOf(output).isEmpty(), output.constData());
        const QString script = cluster + QStringLiteral("/slurm/submit-001.sbatch");
        QVERIFY(sb::test::fileText(script.toStdString()).find("#SBATCH --array=0-3\n") != std::string::npos);
        // Submitting again while the cells are queued or running submits nothing.
        QVERIFY(sweep({QStringLiteral("submit"), cluster, QStringLiteral("--slurm")}, &output) == 0);
        QVERIFY2(output.contains("nothing to submit"), output.constData());
        QCOMPARE(sb::test::fileLines(cluster + QStringLiteral("/slurm/jobs.jsonl")).size(), 1);

        QVERIFY2(sb::test::waitForAll(cluster, cache_, "done", 300), "the Slurm cells did not all finish");
        QVERIFY(sweep({QStringLiteral("submit"), cluster, QStringLiteral("--slurm")}, &output) == 0);
        QVERIFY2(output.contains("nothing to submit"), output.constData());
        QVERIFY(!fs::exists((cluster + QStringLiteral("/slurm/submit-002.sbatch")).toStdString()));

        QVERIFY(sweep({QStringLiteral("report"), local}) == 0);
        QVERIFY(sweep({QStringLiteral("report"), cluster}, &output) == 0);
        QVERIFY2(output.contains("4 of 4 cells done"), output.constData());
        const auto a = sb::test::fileText((local + QStringLiteral("/report.json")).toStdString());
        const auto b = sb::test::fileText((cluster + QStringLiteral("/report.json")).toStdString());
        QVERIFY(!a.empty());
        QCOMPARE(b, a);
        for (const char* cell : {"split50-seed1", "split50-seed2", "split100-seed1", "split100-seed2"}) {
            const auto differences = sb::test::compareRuns((local + QLatin1String("/") + QLatin1String(cell)).toStdString(),
                                                           (cluster + QLatin1String("/") + QLatin1String(cell)).toStdString());
            QVERIFY2(differences.empty(), (std::string(cell) + ": " + differences).c_str());
        }
    }

    void aCancelledCellResumesWhenSubmittedAgain()
    {
        // More student epochs than the grid's, so that scancel lands inside the student.
        const QString experiment = sb::test::writeTinySweep(root_.path(), "long", {{"seeds", {1}}}, [](auto& doc) {
            doc["student"]["epochs"] = 12;
        });
        const QString dir = path("long");
        const QString cell = dir + QStringLiteral("/split100-seed1");
        QByteArray output;
        QVERIFY(sweep({QStringLiteral("plan"), experiment, QStringLiteral("--out"), dir}) == 0);
        QVERIFY2(sweep({QStringLiteral("submit"), dir, QStringLiteral("--slurm")}, &output) == 0, output.constData());
        const QString job = jobOf(output);
        QTRY_VERIFY_WITH_TIMEOUT(sb::test::eventLogged(cell.toStdString(), "epoch", "student"), 300000);
        const auto teacher = identity((cell + QStringLiteral("/checkpoints/frozen.pt")).toStdString());
        QVERIFY(teacher.first != 0);
        QCOMPARE(scancel(job), 0);
        QVERIFY2(sb::test::waitForAll(dir, cache_, "interrupted", 60), "the cancelled cell is not 'interrupted'");
        QVERIFY(!sb::test::eventLogged(cell.toStdString(), "stage", "run"));  // it did not finish

        QVERIFY2(sweep({QStringLiteral("submit"), dir, QStringLiteral("--slurm")}, &output) == 0, output.constData());
        QVERIFY(jobOf(output) != job);
        QVERIFY2(sb::test::waitForAll(dir, cache_, "done", 300), "the resubmitted cell did not finish");
        const auto attempts = sb::test::fileLines(dir + QStringLiteral("/attempts/split100-seed1.jsonl"));
        QCOMPARE(attempts.filter(QStringLiteral("\"start\"")).size(), 2);
        QVERIFY2(attempts.filter(QStringLiteral("\"mode\":\"resume\"")).size() == 1, qPrintable(attempts.join('\n')));
        // Resumed, not restarted: the teacher's checkpoint is the one written before the cancel.
        QVERIFY(identity((cell + QStringLiteral("/checkpoints/frozen.pt")).toStdString()) == teacher);
        // And it ends as a run that was never interrupted.
        const QString straight = path("long-straight");
        QVERIFY(runCli({QStringLiteral("run"), cell + QStringLiteral("/experiment.json"), QStringLiteral("--out"), straight},
                       cache_) == 0);
        const auto differences = sb::test::compareRuns(straight.toStdString(), cell.toStdString());
        QVERIFY2(differences.empty(), differences.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSweepSlurm)
#include "tst_SweepSlurm.moc"
