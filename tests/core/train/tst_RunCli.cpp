// scenebench-cli run / resume / eval as a user drives them: a run killed with SIGKILL
// twice (inside a teacher, inside the student) and resumed ends with the same
// summary.json and student weights as an uninterrupted run; bad input exits with 2.
#include "core/checkpoint/Checkpoint.h"
#include "core/data/DemoDataset.h"
#include "core/experiment/ExperimentFile.h"
#include "core/experiment/MetricsLog.h"
#include "core/experiment/RunDirectory.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

QProcess* startCli(const QStringList& args, const QString& cache)
{
    auto* p = new QProcess;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SCENEBENCH_CACHE_DIR"), cache);
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"), args);
    return p;
}

int runCli(const QStringList& args, const QString& cache, QByteArray* output = nullptr)
{
    std::unique_ptr<QProcess> p(startCli(args, cache));
    p->waitForFinished(600000);
    if (output) *output = p->readAll();
    return p->exitCode();
}

// True once metrics.jsonl holds an epoch event of `model` (the state of that epoch is
// saved just after it, so killing then interrupts the next epoch or the save itself).
bool epochLogged(const std::string& metrics, const std::string& model)
{
    if (!fs::exists(metrics)) return false;
    for (const auto& e : sb::readMetrics(metrics))
        if (e.value("event", "") == "epoch" && e.value("model", "") == model) return true;
    return false;
}

}  // namespace

class TestRunCli : public QObject {
    Q_OBJECT
    QTemporaryDir root_;
    QString cache_, experiment_;

private slots:
    void initTestCase()
    {
        QVERIFY(root_.isValid());
        cache_ = root_.filePath(QStringLiteral("cache"));
        const std::string dataset = root_.filePath(QStringLiteral("tiny-demo")).toStdString();
        sb::demo::DemoDatasetParams p;
        p.outDir = dataset;
        p.size = sb::demo::DemoSize::tiny();
        sb::CancellationToken token;
        sb::demo::generateDemoDataset(p, nullptr, token);
        sb::ExperimentConfig c;
        c.name = "kill-test";
        c.threads = 1;
        c.dataset.path = dataset;
        c.dataset.split = 100;
        auto frozen = sb::paperTeacher("ssl_frozen", "frozen",
                                       std::string(SCENEBENCH_TEST_DATA) + "/reference/beats_tiny.pt");
        frozen.epochs = 4;
        frozen.batchSize = 16;
        c.teachers = {frozen};
        c.student.width = 16;
        c.student.depth = 16;
        c.student.mels = 64;
        c.student.epochs = 4;
        c.student.batchSize = 32;
        c.student.alsoWithoutKd = true;
        c.student.augment.deviceIrP = 0;  // no IR folder here (tst_experiment_runner covers IRs)
        experiment_ = root_.filePath(QStringLiteral("kill-test.json"));
        sb::writeExperiment(experiment_.toStdString(), c);
    }

    void killedTwiceThenResumedMatchesUninterrupted()
    {
        const QString straight = root_.filePath(QStringLiteral("straight"));
        QByteArray output;
        QVERIFY2(runCli({QStringLiteral("run"), experiment_, QStringLiteral("--out"), straight}, cache_, &output) == 0,
                 output.constData());
        QVERIFY2(output.contains("student-nokd"), output.constData());  // the summary table

        const QString killed = root_.filePath(QStringLiteral("killed"));
        const std::string metrics = (fs::path(killed.toStdString()) / "metrics.jsonl").string();
        QStringList args = {QStringLiteral("run"), experiment_, QStringLiteral("--out"), killed};
        for (const std::string model : {"frozen", "student"}) {
            std::unique_ptr<QProcess> p(startCli(args, cache_));
            QVERIFY(p->waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(epochLogged(metrics, model), 300000);
            p->kill();  // SIGKILL: no handler runs, files are left as they are
            QVERIFY(p->waitForFinished());
            QCOMPARE(p->exitStatus(), QProcess::CrashExit);
            args = {QStringLiteral("resume"), killed};
        }
        QVERIFY2(runCli(args, cache_, &output) == 0, output.constData());

        const auto a = sb::RunDirectory::open(straight.toStdString()).summary();
        const auto b = sb::RunDirectory::open(killed.toStdString()).summary();
        QCOMPARE(b.dump(), a.dump());
        for (const char* model : {"frozen", "student", "student-nokd"}) {
            const auto x = sb::readCheckpoint(straight.toStdString() + "/checkpoints/" + model + ".pt").tensors;
            const auto y = sb::readCheckpoint(killed.toStdString() + "/checkpoints/" + model + ".pt").tensors;
            QCOMPARE(x.size(), y.size());
            for (size_t i = 0; i < x.size(); ++i) QVERIFY2(torch::equal(x[i].second, y[i].second), model);
        }
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
