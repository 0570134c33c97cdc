// Tests of reading what a run wrote (core/results): predictions.csv and its errors, the
// clips behind a confusion cell against the matrices, two models compared, run records
// found in a project, and the learning curve's mean ± std over seeds.
#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/experiment/MetricsLog.h"
#include "core/experiment/RunDirectory.h"
#include "core/results/LearningCurve.h"
#include "core/results/ModelComparison.h"
#include "core/results/ModelPredictions.h"
#include "core/results/RunRecord.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

namespace {

const std::vector<std::string> kClasses(sb::dcase::kScenes.begin(), sb::dcase::kScenes.end());

std::string clip(int scene, const char* device, int n)
{
    return "audio/" + kClasses[size_t(scene)] + "-lyon-" + std::to_string(n) + "-1-0-" + device + ".wav";
}

// One-hot-ish probabilities predicting `predicted` for each clip.
std::vector<float> probabilitiesFor(const std::vector<int>& predicted)
{
    std::vector<float> p;
    for (int c : predicted)
        for (size_t k = 0; k < kClasses.size(); ++k) p.push_back(int(k) == c ? 0.82f : 0.02f);
    return p;
}

struct Fixture {
    std::vector<std::string> files;
    std::vector<int> truth;
};

Fixture clips()
{
    Fixture f;
    const char* devices[] = {"a", "b", "s4"};
    for (int s = 0; s < 10; ++s)
        for (int d = 0; d < 3; ++d)
            for (int n = 0; n < 2; ++n) {
                f.files.push_back(clip(s, devices[d], n));
                f.truth.push_back(s);
            }
    return f;
}

sb::RunDirectory makeRun(const QString& folder, int split, int seed, double studentShare)
{
    sb::ExperimentConfig config;
    config.dataset.split = split;
    config.seed = seed;
    for (const char* name : {"teacher-1", "teacher-2"}) {
        sb::TeacherConfig teacher;
        teacher.name = name;
        config.teachers.push_back(teacher);
    }
    auto run = sb::RunDirectory::create(folder.toStdString(), config);
    const Fixture f = clips();
    std::vector<int> predicted = f.truth;
    const size_t wrong = size_t(double(predicted.size()) * (1.0 - studentShare));
    for (size_t i = 0; i < wrong; ++i) predicted[i * 3 % predicted.size()] = (f.truth[i * 3 % predicted.size()] + 1) % 10;
    run.writePredictions("student", f.files, probabilitiesFor(predicted), kClasses);
    const auto r = sb::ModelPredictions::load(run.path(), "student").evaluation();
    run.updateSummary("student", sb::summaryJson(r));
    run.updateSummary("teacher-1", {{"accuracy", 0.5 + 0.01 * seed}});
    run.updateSummary("teacher-2", {{"accuracy", 0.7 + 0.01 * seed}});
    sb::MetricsLog log(run.metricsPath());
    log.append({{"event", "stage"}, {"model", "run"}, {"stage", "evaluate"}, {"status", "finished"}, {"time", 42.5}});
    return run;
}

}  // namespace

class TestResults : public QObject {
    Q_OBJECT
private slots:
    void predictionsAndCells()
    {
        QTemporaryDir dir;
        const auto run = makeRun(dir.filePath(QStringLiteral("r")), 5, 1, 0.7);
        const auto p = sb::ModelPredictions::load(run.path(), "student");
        QCOMPARE(p.clips.size(), size_t(60));
        QCOMPARE(p.classNames, kClasses);
        QCOMPARE(p.clips[0].device, std::string("a"));
        const auto e = p.evaluation();
        // Every cell of every device matrix lists exactly as many clips as it counts.
        for (const auto& [device, m] : e.confusionPerDevice)
            for (int t = 0; t < 10; ++t)
                for (int q = 0; q < 10; ++q) {
                    const auto cell = p.clipsInCell(device, t, q);
                    QCOMPARE(long(cell.size()), m.at(t, q));
                    for (size_t i : cell) QCOMPARE(p.clips[i].device, device);
                }
        QCOMPARE(p.misclassified().size(), size_t(60 - e.confusion.at(0, 0) - [&] {
                     long d = 0;
                     for (int c = 1; c < 10; ++c) d += e.confusion.at(c, c);
                     return d;
                 }()));
        const auto top = p.topK(0, 3);
        QCOMPARE(top.size(), size_t(3));
        QCOMPARE(top[0].second, 0.82f);
        QCOMPARE(p.find(p.clips[7].filename), 7L);
        QCOMPARE(p.find("nope"), -1L);
    }

    void malformedPredictionsNameTheLine()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("p.csv")).toStdString();
        std::ofstream(path) << "filename\tscene_label\tairport\tbus\n"
                            << "audio/airport-lyon-1-1-0-a.wav\tairport\t0.9\t0.1\n"
                            << "audio/bus-lyon-1-1-0-a.wav\tbus\t0.1\tx\n";
        try {
            sb::ModelPredictions::read(path, "m");
            QFAIL("no error");
        } catch (const sb::Error& e) {
            QVERIFY(QString::fromStdString(e.what()).contains(QStringLiteral("p.csv:3")));
        }
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::ModelPredictions::read(dir.filePath(QStringLiteral("none")).toStdString(), "m"));
    }

    void comparison()
    {
        QTemporaryDir dir;
        const auto a = makeRun(dir.filePath(QStringLiteral("a")), 5, 1, 0.5);
        const auto b = makeRun(dir.filePath(QStringLiteral("b")), 5, 2, 0.9);
        const auto pa = sb::ModelPredictions::load(a.path(), "student");
        const auto pb = sb::ModelPredictions::load(b.path(), "student");
        const auto c = sb::compareModels(pa, pb);
        size_t same = 0;
        for (size_t i = 0; i < pa.clips.size(); ++i) same += pa.clips[i].predictedClass == pb.clips[i].predictedClass;
        QCOMPARE(c.agreement, double(same) / 60.0);
        const auto ea = pa.evaluation(), eb = pb.evaluation();
        for (int t = 0; t < 10; ++t)
            for (int q = 0; q < 10; ++q) QCOMPARE(c.differenceAt(t, q), eb.confusion.at(t, q) - ea.confusion.at(t, q));
        QCOMPARE(c.perDeviceB.at("s4") - c.perDeviceA.at("s4"), eb.accuracyPerDevice.at("s4") - ea.accuracyPerDevice.at("s4"));
        QVERIFY(c.accuracyB > c.accuracyA);
    }

    // A long training log: the record reads the end of it (wall time, the final event).
    void longMetricsLog()
    {
        QTemporaryDir dir;
        sb::ExperimentConfig config;
        config.student.kd.lambda = 1;  // no teachers, no KD: a valid experiment
        const auto run = sb::RunDirectory::create(dir.filePath(QStringLiteral("r")).toStdString(), config);
        {
            sb::MetricsLog log(run.metricsPath());
            for (int step = 0; step < 4000; ++step)
                log.append({{"event", "step"}, {"model", "student"}, {"step", step}, {"loss", 1.5}, {"time", 0.01 * step}});
        }
        QVERIFY(QFileInfo(QString::fromStdString(run.metricsPath())).size() > 128 * 1024);
        auto record = sb::RunRecord::load(run.path());
        QVERIFY(!record.finished);
        QCOMPARE(*record.wallSeconds, 0.01 * 3999);
        sb::MetricsLog(run.metricsPath())
            .append({{"event", "stage"}, {"model", "run"}, {"stage", "evaluate"}, {"status", "finished"}, {"time", 99.5}});
        record = sb::RunRecord::load(run.path());
        QVERIFY(record.finished);
        QCOMPARE(*record.wallSeconds, 99.5);
    }

    void runsAndLearningCurve()
    {
        QTemporaryDir dir;
        makeRun(dir.filePath(QStringLiteral("runs/s5-1")), 5, 1, 0.5);
        makeRun(dir.filePath(QStringLiteral("runs/s5-2")), 5, 2, 0.7);
        makeRun(dir.filePath(QStringLiteral("runs/sweep/s25-1")), 25, 1, 0.8);
        QDir().mkpath(dir.filePath(QStringLiteral("runs/not-a-run")));
        const auto found = sb::RunRecord::find(dir.path().toStdString());
        QCOMPARE(found.size(), size_t(3));
        std::vector<sb::RunRecord> records;
        for (const auto& f : found) records.push_back(sb::RunRecord::load(f));
        QCOMPARE(records[0].splitPercent, 5.0);
        QVERIFY(records[0].finished);
        QCOMPARE(*records[0].wallSeconds, 42.5);
        QCOMPARE(records[0].datasetRoot("/demo"), std::string("/demo"));
        // A run that says where its clips are (dataset.json) wins over experiment.json.
        sb::RunDirectory::open(records[0].path).writeJson("dataset.json", {{"root", "/data/tau"}});
        QCOMPARE(sb::RunRecord::datasetRootOf(records[0].path, "/demo"), std::string("/data/tau"));

        const auto lines = sb::learningCurve(records);
        QCOMPARE(lines.size(), size_t(2));
        QCOMPARE(lines[0].kind, std::string("teacher"));
        // teacher at 5 %: a run's two teachers average first: seeds 1, 2 -> 0.61, 0.62.
        QCOMPARE(lines[0].points[0].percent, 5.0);
        QCOMPARE(lines[0].points[0].runs, 2);
        QVERIFY(std::abs(lines[0].points[0].mean - 0.615) < 1e-12);
        QVERIFY(std::abs(lines[0].points[0].std - std::sqrt(2 * 0.005 * 0.005)) < 1e-12);
        const double s1 = records[0].models.at("student").accuracy, s2 = records[1].models.at("student").accuracy;
        QCOMPARE(lines[1].kind, std::string("student"));
        QVERIFY(std::abs(lines[1].points[0].mean - (s1 + s2) / 2) < 1e-12);
        QCOMPARE(lines[1].points[1].runs, 1);
        QCOMPARE(lines[1].points[1].std, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestResults)
#include "tst_Results.moc"
