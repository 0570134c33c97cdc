// Tests of the run store: metrics.jsonl streaming and crash tolerance, run folders that
// refuse to overwrite, summary merging, and the DCASE predictions format.
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/experiment/MetricsLog.h"
#include "core/experiment/RunDirectory.h"
#include "core/experiment/RunLock.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

namespace {

std::string readText(const std::string& path)
{
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace

class TestRunDirectory : public QObject {
    Q_OBJECT
private slots:
    // `run` killed while it wrote experiment.json leaves its temporary: running again
    // into the folder must work; a folder with anyone else's file is still refused.
    void aRunKilledWhileCreatedCanStartAgain()
    {
        QTemporaryDir dir;
        const std::string folder = dir.filePath(QStringLiteral("run")).toStdString();
        std::filesystem::create_directories(folder);
        std::ofstream(folder + "/experiment.json.tmp.4242.0") << "{\"format\": \"scenebench-exp";
        const auto run = sb::RunDirectory::create(folder, sb::ExperimentConfig{});
        QVERIFY(std::filesystem::exists(folder + "/experiment.json"));
        QVERIFY(!std::filesystem::exists(folder + "/experiment.json.tmp.4242.0"));

        const std::string other = dir.filePath(QStringLiteral("other")).toStdString();
        std::filesystem::create_directories(other);
        std::ofstream(other + "/experiment.json.tmp.4242.0") << "x";
        std::ofstream(other + "/notes.txt") << "mine";
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::RunDirectory::create(other, sb::ExperimentConfig{}));
        QVERIFY(std::filesystem::exists(other + "/experiment.json.tmp.4242.0"));
    }

    void metricsAreReadableWhileWritten()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("metrics.jsonl")).toStdString();
        sb::MetricsLog log(path);
        log.append({{"event", "step"}, {"model", "student"}, {"loss", 1.5}});
        // Another reader sees the flushed line at once, with a time stamp added.
        const auto events = sb::readMetrics(path);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0]["loss"].get<double>(), 1.5);
        QVERIFY(events[0]["time"].get<double>() >= 0);
    }

    void partialLastLineIsSkippedAndRepaired()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("metrics.jsonl")).toStdString();
        std::ofstream(path) << "{\"event\":\"step\",\"step\":0}\n{\"event\":\"st";  // killed mid-write
        QCOMPARE(sb::readMetrics(path).size(), size_t(1));
        {
            sb::MetricsLog resumed(path, 10.0);
            resumed.append({{"event", "step"}, {"step", 1}});
        }
        const auto events = sb::readMetrics(path);
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[1]["step"].get<int>(), 1);
        QVERIFY(events[1]["time"].get<double>() >= 10.0);  // the clock continues across resumes
    }

    void corruptLineNamesItsLine()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("metrics.jsonl")).toStdString();
        // A number too large for a double is nlohmann's out_of_range, not a parse_error.
        for (const char* bad : {"not json", "{\"time\": 1e400}"}) {
            std::ofstream(path) << "{\"a\":1}\n" << bad << "\n";
            try {
                sb::readMetrics(path);
                QFAIL("corrupt metrics accepted");
            } catch (const sb::Error& e) {
                QCOMPARE(e.where(), path + ":2");
            }
        }
    }

    void createRefusesToOverwrite()
    {
        QTemporaryDir dir;
        const std::string run = dir.filePath(QStringLiteral("run")).toStdString();
        sb::ExperimentConfig config;
        config.name = "t";
        config.teachers.push_back(sb::TeacherConfig{});
        config.teachers[0].name = "teacher";
        const auto created = sb::RunDirectory::create(run, config);
        QVERIFY(QFile::exists(QString::fromStdString(created.file("experiment.json"))));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::RunDirectory::create(run, config));
        const std::string other = dir.filePath(QStringLiteral("other")).toStdString();
        QDir().mkpath(QString::fromStdString(other));
        std::ofstream(other + "/precious.txt") << "keep me";
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::RunDirectory::create(other, config));
        QCOMPARE(readText(other + "/precious.txt"), std::string("keep me"));
        QCOMPARE(sb::RunDirectory::open(run).config().name, std::string("t"));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::RunDirectory::open(other));
    }

    // One holder at a time, also within one process; released when the holder goes.
    void runLockHasOneHolder()
    {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        QVERIFY(!sb::RunLock::isHeld(folder));  // never run: no lock file
        {
            sb::RunLock lock(folder);
            QVERIFY(sb::RunLock::isHeld(folder));
            try {
                sb::RunLock second(folder);
                QFAIL("a second lock was granted");
            } catch (const sb::Error& e) {
                QCOMPARE(e.where(), folder);
                QVERIFY(std::string(e.what()).find("another process is running this run") != std::string::npos);
            }
        }
        QVERIFY(!sb::RunLock::isHeld(folder));
        sb::RunLock again(folder);
    }

    void summaryKeepsOtherModels()
    {
        QTemporaryDir dir;
        const auto run = sb::RunDirectory::create(dir.filePath(QStringLiteral("r")).toStdString(), {});
        run.updateSummary("teacher-1", {{"accuracy", 0.5}});
        run.updateSummary("student", {{"accuracy", 0.4}});
        run.updateSummary("teacher-1", {{"accuracy", 0.6}});
        const auto s = run.summary();
        QCOMPARE(s.size(), size_t(2));
        QCOMPARE(s["teacher-1"]["accuracy"].get<double>(), 0.6);
    }

    void predictionsInDcaseFormat()
    {
        QTemporaryDir dir;
        const auto run = sb::RunDirectory::create(dir.filePath(QStringLiteral("r")).toStdString(), {});
        run.writePredictions("student", {"audio/x-a.wav", "audio/y-b.wav"}, {0.1f, 0.9f, 0.7f, 0.3f}, {"bus", "park"});
        QCOMPARE(readText(run.modelFolder("student") + "/predictions.csv"),
                 std::string("filename\tscene_label\tbus\tpark\n"
                             "audio/x-a.wav\tpark\t0.100000\t0.900000\n"
                             "audio/y-b.wav\tbus\t0.700000\t0.300000\n"));
        QVERIFY_THROWS_EXCEPTION(sb::Error, run.writePredictions("student", {"one"}, {0.1f}, {"bus", "park"}));
    }

    void embeddingsWithTheirIndex()
    {
        QTemporaryDir dir;
        const auto run = sb::RunDirectory::create(dir.filePath(QStringLiteral("r")).toStdString(), {});
        run.writeEmbeddings("student", {1, 2, 3, 4, 5, 6}, 3,
                            {{"audio/a.wav", "bus", "a", "lyon", "bus"}, {"audio/b.wav", "park", "s4", "lyon", "bus"}});
        const auto npy = sb::readNpy(run.modelFolder("student") + "/embeddings.npy");
        QCOMPARE(npy.shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(readText(run.modelFolder("student") + "/embeddings.csv"),
                 std::string("filename,scene,device,city,predicted\naudio/a.wav,bus,a,lyon,bus\n"
                             "audio/b.wav,park,s4,lyon,bus\n"));
    }
};

QTEST_GUILESS_MAIN(TestRunDirectory)
#include "tst_RunDirectory.moc"
