// Tests of running experiments from the GUI on a tiny demo dataset: F5 makes a new run
// directory in the project, runs sb::ExperimentRunner as a job, the Curves view follows
// its metrics.jsonl and the event loop stays responsive throughout (lateness measured);
// a run cancelled from the Jobs panel is resumed (Shift+F5) and finishes.
#include "core/common/CancellationToken.h"
#include "core/data/DemoDataset.h"
#include "core/experiment/ExperimentFile.h"
#include "core/experiment/MetricsLog.h"
#include "ui/curves/CurvesView.h"
#include "ui/curves/RunMetricsModel.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/jobs/JobBridge.h"
#include "ui/jobs/JobPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/runs/RunLauncher.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <vector>

using sb::ui::JobBridge;
using sb::ui::MainWindow;
using sb::ui::RunLauncher;

namespace {

constexpr int kRunTimeoutMs = 240000;
constexpr int kReactionMs = 300;

// The smallest experiment that exercises the whole path: no teachers (plain CE), a
// narrow student on 64 mel bins, a few epochs.
sb::ExperimentConfig tinyExperiment(int epochs)
{
    sb::ExperimentConfig c = sb::ui::ExperimentDocument::demoExperiment();
    c.name = "tiny";
    c.teachers.clear();
    c.ensemble.clear();
    c.threads = 2;
    c.student.width = 8;
    c.student.mels = 64;
    c.student.epochs = epochs;
    c.student.batchSize = 32;
    c.student.kd.lambda = 1.0;
    c.student.alsoWithoutKd = false;
    c.student.augment = sb::AugmentConfig{};
    return c;
}

// Lateness of a 5 ms timer on the GUI thread, recorded while it runs.
class LatencyProbe {
public:
    LatencyProbe()
    {
        clock_.start();
        last_ = clock_.nsecsElapsed();
        tick_.setTimerType(Qt::PreciseTimer);
        tick_.setInterval(kTickMs);
        QObject::connect(&tick_, &QTimer::timeout, [this] {
            const qint64 now = clock_.nsecsElapsed();
            lateness_.push_back(std::max(0.0, double(now - last_) / 1e6 - kTickMs));
            last_ = now;
        });
        tick_.start();
    }
    std::vector<double> sorted()
    {
        tick_.stop();
        std::sort(lateness_.begin(), lateness_.end());
        return lateness_;
    }

private:
    static constexpr int kTickMs = 5;
    QElapsedTimer clock_;
    qint64 last_ = 0;
    QTimer tick_;
    std::vector<double> lateness_;
};

}  // namespace

class TestExperimentRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SceneBenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ui_run"));
        QVERIFY(root_.isValid());
        // Runs find the demo dataset and cache features here, not in the user's cache.
        qputenv("SCENEBENCH_DEMO_DIR", root_.filePath(QStringLiteral("demo")).toUtf8());
        qputenv("SCENEBENCH_CACHE_DIR", root_.filePath(QStringLiteral("cache")).toUtf8());
        sb::demo::DemoDatasetParams params;
        params.outDir = root_.filePath(QStringLiteral("demo")).toStdString();
        params.size = sb::demo::DemoSize::tiny();
        sb::CancellationToken token;
        sb::demo::generateDemoDataset(params, nullptr, token);
    }

    void f5RunsIntoTheProjectWhileTheWindowStaysResponsive()
    {
        const QString project = root_.filePath(QStringLiteral("project-run"));
        QVERIFY(QDir().mkpath(project));
        const QString file = project + QStringLiteral("/tiny.json");
        sb::writeExperiment(file.toStdString(), tinyExperiment(3));
        MainWindow window;
        window.show();
        QCOMPARE(window.openProject(project, true), QString());
        QCOMPARE(window.openExperiment(file, true), QString());
        QVERIFY(window.runAction()->isEnabled());
        QSignalSpy finished(window.runLauncher(), &RunLauncher::finished);
        // The window's first paint and the meter's measurement are not part of the run.
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(window.jobs()->runningCount(), 0);
        QTest::qWait(500);

        // F5's own reaction (make the run folder, switch to Curves and paint it) is one
        // response to a key press; the run's lateness is measured after it.
        auto reaction = std::make_unique<LatencyProbe>();
        window.runAction()->trigger();  // F5
        QTest::qWait(kReactionMs);
        const double reactionMs = reaction->sorted().back();
        reaction.reset();
        LatencyProbe probe;
        const QString run = window.runLauncher()->runDirectory();
        QVERIFY(run.startsWith(project + QStringLiteral("/runs/tiny-")));
        QCOMPARE(window.curvesView()->runDirectory(), run);
        QVERIFY(!window.runAction()->isEnabled());  // one run at a time
        QVERIFY(window.stopAction()->isEnabled());
        QVERIFY(finished.wait(kRunTimeoutMs));
        const std::vector<double> lateness = probe.sorted();

        QCOMPARE(finished.first().at(1).value<JobBridge::Outcome>(), JobBridge::Outcome::Succeeded);
        QVERIFY(finished.first().at(3).toString().contains(QStringLiteral("student")));  // the summary table
        QVERIFY(QFileInfo::exists(run + QStringLiteral("/summary.json")));
        QVERIFY(QFileInfo::exists(run + QStringLiteral("/experiment.json")));
        QVERIFY(RunLauncher::isFinished(run));
        QVERIFY(!window.resumeAction()->isEnabled());
        // The view followed the run to its last event.
        const int events = int(sb::readMetrics((run + QStringLiteral("/metrics.jsonl")).toStdString()).size());
        QVERIFY(events > 5);
        QTRY_COMPARE(window.curvesView()->model()->rowCount(), events);

        // Enough ticks to mean something (a fast machine runs the tiny experiment in ~1 s).
        QVERIFY2(lateness.size() > 40, qPrintable(QString::number(lateness.size())));
        const double maxMs = lateness.back();
        qInfo("F5 reaction (run folder, switch to Curves, first paint): longest stall %.2f ms", reactionMs);
        qInfo("event-loop lateness over %zu ticks while the F5 run ran a tiny experiment: max %.2f ms, p99 %.2f ms, "
              "median %.2f ms",
              lateness.size(), maxMs, lateness[size_t(0.99 * double(lateness.size() - 1))], lateness[lateness.size() / 2]);
        QVERIFY2(maxMs < 50.0, qPrintable(QStringLiteral("the GUI stalled %1 ms").arg(maxMs)));
    }

    void runCancelledFromTheJobsPanelResumes()
    {
        const QString project = root_.filePath(QStringLiteral("project-cancel"));
        QVERIFY(QDir().mkpath(project));
        const QString file = project + QStringLiteral("/tiny.json");
        sb::writeExperiment(file.toStdString(), tinyExperiment(40));
        MainWindow window;
        window.show();
        QCOMPARE(window.openProject(project, true), QString());
        QCOMPARE(window.openExperiment(file, true), QString());
        QSignalSpy finished(window.runLauncher(), &RunLauncher::finished);
        const QString run = window.runExperiment();
        QVERIFY(!run.isEmpty());

        // Once training has reported a few steps, the user presses the job's Cancel.
        QTRY_VERIFY_WITH_TIMEOUT(window.curvesView()->model()->rowCount() > 3 || !finished.isEmpty(), kRunTimeoutMs);
        QVERIFY(finished.isEmpty());
        QToolButton* cancel = window.jobPanel()->cancelButton(window.runLauncher()->jobId());
        QVERIFY(cancel);
        cancel->click();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.first().at(1).value<JobBridge::Outcome>(), JobBridge::Outcome::Cancelled);
        QVERIFY(!RunLauncher::isFinished(run));
        QVERIFY(!QFileInfo::exists(run + QStringLiteral("/summary.json")));
        QVERIFY(window.resumeAction()->isEnabled());

        window.resumeAction()->trigger();  // Shift+F5
        QVERIFY(!window.resumeAction()->isEnabled());
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.last().at(1).value<JobBridge::Outcome>(), JobBridge::Outcome::Succeeded);
        QVERIFY(RunLauncher::isFinished(run));
        QVERIFY(QFileInfo::exists(run + QStringLiteral("/summary.json")));
        // The resumed run trained every epoch exactly once: 0..39, none lost, none twice.
        std::vector<int> epochs;
        for (const nlohmann::json& event : sb::readMetrics((run + QStringLiteral("/metrics.jsonl")).toStdString()))
            if (event.value("event", "") == "epoch" && event.value("model", "") == "student") epochs.push_back(event.value("epoch", -1));
        QCOMPARE(int(epochs.size()), 40);
        for (int e = 0; e < 40; ++e) QCOMPARE(epochs[size_t(e)], e);
        QCOMPARE(QDir(project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
    }

private:
    QTemporaryDir root_;
};

QTEST_MAIN(TestExperimentRun)
#include "tst_ExperimentRun.moc"
