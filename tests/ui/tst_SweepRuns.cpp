// Sweeps in the workbench, on real sweeps of the tiny experiment (tests/core/train/
// TinyExperiment: tiny demo dataset, a frozen tiny-BEATs teacher, a width-16 student with
// and without KD) whose cells the real scenebench-cli runs (`sweep cell`, what `sweep run`
// and Slurm's tasks start):
//   - the Runs view opened on a sweep lists every cell of its plan, started or not, with
//     its state; its learning curve is mean ± sample std over the seeds of the finished
//     cells, computed here from their summary.json. Cells run one at a time, and after
//     each the view has followed by itself (its 2-s poll): the cell seen running, then
//     done, the curve with the new cell. Its state remembers the sweep; the project's own
//     list names the cells "<sweep>/<cell>" and offers none of them for Resume.
//   - F5 on an experiment with a sweep section opens the sweep dialog. Its Slurm fields
//     refuse what sbatch would not take; Run Here plans the sweep into the project's runs/,
//     the Runs view shows it, its job runs the cells (one seen running) and the job's
//     Cancel in the Jobs panel interrupts them: the cell is interrupted, the rest pending.
//   - Submit to Slurm without sbatch on PATH reports it in the status bar (submitting to a
//     real Slurm is tested by the sweep tests against tests/slurm/slurm-fixture.sh).
#include "core/data/DemoDataset.h"
#include "core/experiment/ExperimentFile.h"
#include "core/sweep/SweepPlan.h"
#include "core/sweep/SweepStatus.h"
#include "tests/core/train/TinyExperiment.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/jobs/JobBridge.h"
#include "ui/jobs/JobPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Theme.h"
#include "ui/runs/LearningCurvePlot.h"
#include "ui/runs/RunLauncher.h"
#include "ui/runs/RunTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/runs/SweepDialog.h"
#include "ui/runs/SweepLauncher.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>
#include <map>
#include <set>

using sb::ui::RunTableModel;
using sb::ui::RunsView;
using sb::ui::SweepDialog;
using sb::ui::SweepLauncher;

namespace {

constexpr int kCellTimeoutMs = 120000;

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString statusOf(const RunsView& view, const QString& path)
{
    const int row = view.tableModel()->rowOf(path);
    return row < 0 ? QStringLiteral("(not listed)") : view.tableModel()->index(row, RunTableModel::StatusColumn).data().toString();
}

// The experiment of the tests with a sweep section: splits × seeds, in a project folder.
QString writeSweepExperiment(const QString& project, const QString& dataset, const std::string& name,
                             std::vector<int> splits, std::vector<int> seeds, int epochs)
{
    sb::ExperimentConfig c = sb::test::tinyExperiment(dataset.toStdString(), name);
    c.teachers.at(0).epochs = epochs;
    c.student.epochs = epochs;
    c.sweep.present = true;
    c.sweep.splits = std::move(splits);
    c.sweep.seeds = std::move(seeds);
    const QString file = QDir(project).filePath(QString::fromStdString(name) + QStringLiteral(".json"));
    QDir().mkpath(project);
    sb::writeExperiment(file.toStdString(), c);
    return file;
}

// kind -> split -> (mean, sample std)
using Curve = std::map<QString, std::map<double, std::pair<double, double>>>;

// The learning curve of the finished cells, from each cell's own
// experiment.json (which models are its teachers) and summary.json.
Curve expectedCurve(const QStringList& cells)
{
    std::map<QString, std::map<double, std::vector<double>>> values;
    for (const QString& cell : cells) {
        const QJsonObject experiment = readJson(cell + QStringLiteral("/experiment.json"));
        std::set<QString> teachers;
        for (const QJsonValue& t : experiment[QStringLiteral("teachers")].toArray())
            teachers.insert(t[QStringLiteral("name")].toString());
        const double split = experiment[QStringLiteral("dataset")][QStringLiteral("split")].toDouble();
        const QJsonObject summary = readJson(cell + QStringLiteral("/summary.json"));
        std::vector<double> teacherValues;
        for (const QString& model : summary.keys()) {
            const double v = summary[model].toObject()[QStringLiteral("accuracy")].toDouble();
            if (teachers.count(model)) teacherValues.push_back(v);
            else values[model][split].push_back(v);
        }
        double sum = 0;
        for (double v : teacherValues) sum += v;
        if (!teacherValues.empty()) values[QStringLiteral("teacher")][split].push_back(sum / double(teacherValues.size()));
    }
    Curve curve;
    for (const auto& [kind, bySplit] : values)
        for (const auto& [split, vs] : bySplit) {
            double mean = 0;
            for (double v : vs) mean += v;
            mean /= double(vs.size());
            double squares = 0;
            for (double v : vs) squares += (v - mean) * (v - mean);
            curve[kind][split] = {mean, vs.size() > 1 ? std::sqrt(squares / double(vs.size() - 1)) : 0.0};
        }
    return curve;
}

// Empty when the view's learning curve (accuracy) is exactly `expected`; else what differs.
QString compareCurve(const sb::ui::LearningCurvePlot& plot, const Curve& expected)
{
    if (plot.curveLines().size() != expected.size())
        return QStringLiteral("%1 lines, expected %2").arg(plot.curveLines().size()).arg(expected.size());
    for (const auto& [kind, bySplit] : expected) {
        const QCPGraph* graph = plot.graph(kind);
        const QCPErrorBars* bars = plot.errorBars(kind);
        if (!graph || !bars) return kind + QStringLiteral(": not drawn");
        if (graph->dataCount() != int(bySplit.size())) return kind + QStringLiteral(": %1 points").arg(graph->dataCount());
        int i = 0;
        for (const auto& [split, stats] : bySplit) {
            const double mean = graph->data()->at(i)->value, std = bars->data()->at(i).errorPlus;
            const bool same = graph->data()->at(i)->key == split && std::abs(mean - 100 * stats.first) < 1e-9 &&
                              std::abs(std - 100 * stats.second) < 1e-9;
            if (!same) return kind + QStringLiteral(" at %1 %: %2 ± %3").arg(split).arg(mean).arg(std);
            ++i;
        }
    }
    return {};
}

}  // namespace

class TestSweepRuns : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void slurmFieldsAreChecked();
    void runsViewFollowsASweepCellByCell();
    void f5RunsTheSweepHereAndCancelInterruptsIt();
    void submitWithoutSbatchSaysSo();
    void untitledSweepTakesPathsFromTheProject();
    void runHereContinuesAnOpenSweep();

private:
    // Opens the dialog F5 offers for the window's experiment.
    SweepDialog* pressF5(sb::ui::MainWindow& window);
    // Clicks Submit with an empty PATH (no sbatch): SweepLauncher::finished's arguments,
    // empty when it did not come.
    QList<QVariant> submitWithoutSbatch(sb::ui::MainWindow& window, SweepDialog* dialog);

    QTemporaryDir root_;
    QString dataset_;
};

void TestSweepRuns::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // the dialog's remembered fields stay out of the user's settings
    QCoreApplication::setOrganizationName(QStringLiteral("SceneBenchTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_sweeps"));
    QVERIFY(root_.isValid());
    qputenv("SCENEBENCH_CACHE_DIR", root_.filePath(QStringLiteral("cache")).toUtf8());
    dataset_ = root_.filePath(QStringLiteral("tiny-demo"));
    sb::demo::DemoDatasetParams params;
    params.outDir = dataset_.toStdString();
    params.size = sb::demo::DemoSize::tiny();
    sb::CancellationToken token;
    sb::demo::generateDemoDataset(params, nullptr, token);
    QVERIFY2(SweepLauncher::cliProblem().isEmpty(), qPrintable(SweepLauncher::cliProblem()));
}

void TestSweepRuns::slurmFieldsAreChecked()
{
    for (const char* good : {"", "90", "30:00", "2:00:00", "1-12", "1-12:00", "1-12:00:00", " 4:00:00 "})
        QVERIFY2(SweepDialog::timeProblem(QLatin1String(good)).isEmpty(), good);
    for (const char* bad : {"2h", "1:90", "-1", "1-25:00", "4:00:00:00", "1:2:3:4", "90 min", "2:00:61"})
        QVERIFY2(SweepDialog::timeProblem(QLatin1String(bad)).contains(QStringLiteral("not a Slurm time limit")), bad);
    for (const char* good : {"", "gpu", "gpu,cpu", "a_b-c.d"})
        QVERIFY2(SweepDialog::partitionProblem(QLatin1String(good)).isEmpty(), good);
    // A newline would add its own #SBATCH line to the script.
    for (const char* bad : {"gpu nodes", "gpu\n#SBATCH --mem=1T", "a;b", "gpu,"})
        QVERIFY2(SweepDialog::partitionProblem(QLatin1String(bad)).contains(QStringLiteral("not a partition name")), bad);
}

void TestSweepRuns::runsViewFollowsASweepCellByCell()
{
    const QString project = root_.filePath(QStringLiteral("project-cells"));
    const QString file = writeSweepExperiment(project, dataset_, "grid", {25, 100}, {1, 2}, 4);
    const QString sweep = QDir(project).filePath(QStringLiteral("runs/grid-sweep"));
    const sb::SweepPlan plan = sb::SweepPlan::create(sweep.toStdString(), sb::readExperiment(file.toStdString()), file.toStdString());
    // What the view must list: every split × seed, each at its cell's folder.
    std::map<QString, std::pair<double, int>> cells;  // run folder -> split, seed
    for (const sb::SweepCell& c : plan.cells()) cells[QString::fromStdString(plan.runFolder(c))] = {c.subsetPercent(), c.seed};
    std::set<std::pair<double, int>> planned;
    for (const auto& [path, cell] : cells) planned.insert(cell);
    QCOMPARE(planned, (std::set<std::pair<double, int>>{{25, 1}, {25, 2}, {100, 1}, {100, 2}}));

    sb::ui::JobBridge jobs;
    sb::ui::Theme theme;
    sb::ui::WorkbenchContext context(&jobs, &theme);
    context.setProjectFolder(project);
    RunsView view(&context);
    view.show();  // it polls while visible
    QSignalSpy edited(&view, &RunsView::stateEdited);
    QVERIFY(!view.openSweep(project));  // no sweep.json
    QCOMPARE(view.sweepFolder(), QString());
    QVERIFY(view.openSweep(sweep));
    QCOMPARE(edited.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading() && view.tableModel()->rowCount() == 4, 20000);
    // Listed by size, then seed.
    for (int r = 1; r < view.sortedModel()->rowCount(); ++r) {
        auto key = [&](int row) {
            return std::make_pair(view.sortedModel()->index(row, RunTableModel::SplitColumn).data(RunTableModel::SortRole).toDouble(),
                                  view.sortedModel()->index(row, RunTableModel::SeedColumn).data(RunTableModel::SortRole).toInt());
        };
        QVERIFY(key(r - 1) < key(r));
    }
    for (const auto& [path, cell] : cells) {
        const int row = view.tableModel()->rowOf(path);
        QVERIFY2(row >= 0, qPrintable(path));
        QCOMPARE(statusOf(view, path), QStringLiteral("pending"));
        QCOMPARE(view.tableModel()->index(row, RunTableModel::SplitColumn).data(RunTableModel::SortRole).toDouble(), cell.first);
        QCOMPARE(view.tableModel()->index(row, RunTableModel::SeedColumn).data(RunTableModel::SortRole).toInt(), cell.second);
    }
    QVERIFY(view.curve()->curveLines().empty());
    QVERIFY2(view.statusText().contains(QStringLiteral("4 cell(s): 4 pending")), qPrintable(view.statusText()));

    // Three cells, one at a time, each by scenebench-cli in its own process as `sweep run`
    // starts them; the fourth stays pending.
    QStringList done;
    int seenRunning = 0;
    for (const char* id : {"split100-seed1", "split100-seed2", "split25-seed1"}) {
        const QString path = QString::fromStdString(plan.runFolder(plan.cell(id)));
        QElapsedTimer clock;
        clock.start();
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"),
                  {QStringLiteral("sweep"), QStringLiteral("cell"), sweep, QStringLiteral("--id"), QLatin1String(id),
                   QStringLiteral("--threads"), QStringLiteral("1")});
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(view, path) == QLatin1String("running") || cli.state() == QProcess::NotRunning,
                                 kCellTimeoutMs);
        seenRunning += statusOf(view, path) == QLatin1String("running");
        QVERIFY(cli.waitForFinished(kCellTimeoutMs));
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0, cli.readAll().constData());
        done << path;
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(view, path), QStringLiteral("done"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 20000);
        qInfo("cell %s: ran in %.1f s, the view showed it done", id, double(clock.elapsed()) / 1000);
        for (const auto& [other, cell] : cells)
            QCOMPARE(statusOf(view, other), done.contains(other) ? QStringLiteral("done") : QStringLiteral("pending"));
        const QString differs = compareCurve(*view.curve(), expectedCurve(done));
        QVERIFY2(differs.isEmpty(), qPrintable(differs));
        const QJsonObject student = readJson(path + QStringLiteral("/summary.json"))[QStringLiteral("student")].toObject();
        const int row = view.tableModel()->rowOf(path);
        QCOMPARE(view.tableModel()->index(row, RunTableModel::StudentColumn).data(RunTableModel::ValueRole).toDouble(),
                 student[QStringLiteral("accuracy")].toDouble());
    }
    QVERIFY2(seenRunning > 0, "the view never showed a cell running");
    // Each model kind in its own colour (the int8 students too: 6 lines, 7 colours).
    std::set<QString> colours;
    for (const sb::CurveLine& line : view.curve()->curveLines())
        colours.insert(view.curve()->graph(QString::fromStdString(line.kind))->pen().color().name());
    QVERIFY2(colours.size() == view.curve()->curveLines().size() && colours.size() >= 4, qPrintable(QString::number(colours.size())));
    // Two seeds at 100 %: a spread; one size, then two.
    QVERIFY(view.curve()->errorBars(QStringLiteral("student"))->data()->at(1).errorPlus > 0);
    QVERIFY2(view.statusText().contains(QStringLiteral("4 cell(s): 3 done, 1 pending")), qPrintable(view.statusText()));

    // The project file keeps the sweep, relative to the project; a new view shows it again.
    const QJsonObject state = view.state();
    QCOMPARE(state.value(QStringLiteral("sweep")).toString(), QStringLiteral("runs/grid-sweep"));
    RunsView restored(&context);
    restored.applyState(state);
    QCOMPARE(restored.sweepFolder(), QFileInfo(sweep).absoluteFilePath());
    QTRY_VERIFY_WITH_TIMEOUT(!restored.isLoading() && restored.tableModel()->rowCount() == 4, 20000);

    // The project's own list: the cells that started, named by their sweep, never resumable alone.
    view.closeSweep();
    QCOMPARE(view.sweepFolder(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading() && view.tableModel()->rowCount() == 3, 20000);
    for (const QString& path : done) {
        const int row = view.tableModel()->rowOf(path);
        QVERIFY(row >= 0);
        QCOMPARE(view.tableModel()->rowAt(row)->name, QStringLiteral("grid-sweep/") + QFileInfo(path).fileName());
        QCOMPARE(statusOf(view, path), QStringLiteral("finished"));
        QVERIFY(!sb::ui::RunLauncher::canResume(path));
    }
}

SweepDialog* TestSweepRuns::pressF5(sb::ui::MainWindow& window)
{
    window.runAction()->trigger();
    auto* dialog = window.findChild<SweepDialog*>();
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

QList<QVariant> TestSweepRuns::submitWithoutSbatch(sb::ui::MainWindow& window, SweepDialog* dialog)
{
    const QByteArray path = qgetenv("PATH");
    QTemporaryDir empty;
    qputenv("PATH", empty.path().toUtf8());
    QSignalSpy finished(window.findChild<SweepLauncher*>(), &SweepLauncher::finished);
    dialog->findChild<QPushButton*>(QStringLiteral("submit"))->click();
    const bool ended = finished.wait(30000);
    qputenv("PATH", path);
    return ended ? finished.first() : QList<QVariant>();
}

void TestSweepRuns::f5RunsTheSweepHereAndCancelInterruptsIt()
{
    const QString project = root_.filePath(QStringLiteral("project-f5"));
    // Long enough that its first cell is still training when it is cancelled.
    const QString file = writeSweepExperiment(project, dataset_, "long", {100}, {1, 2}, 400);
    sb::ui::MainWindow window;
    window.show();
    QCOMPARE(window.openProject(project, true), QString());
    QCOMPARE(window.openExperiment(file, true), QString());
    QTRY_COMPARE(window.jobs()->runningCount(), 0);

    SweepDialog* dialog = pressF5(window);
    QVERIFY(dialog);
    // Nothing is planned before a choice is made, nor for a choice with a problem.
    dialog->findChild<QLineEdit*>(QStringLiteral("time"))->setText(QStringLiteral("2h"));
    dialog->findChild<QPushButton*>(QStringLiteral("submit"))->click();
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->problems().contains(QStringLiteral("Time per task")), qPrintable(dialog->problems()));
    QVERIFY(!QFileInfo::exists(project + QStringLiteral("/runs")));

    SweepLauncher* sweeps = window.findChild<SweepLauncher*>();
    QVERIFY(sweeps);
    QSignalSpy finished(sweeps, &SweepLauncher::finished);
    dialog->findChild<QSpinBox*>(QStringLiteral("jobs"))->setValue(1);
    dialog->findChild<QPushButton*>(QStringLiteral("run-here"))->click();
    QVERIFY(sweeps->isRunning());
    const QString sweep = sweeps->sweepFolder();
    QCOMPARE(QFileInfo(sweep).absolutePath(), QDir(project).filePath(QStringLiteral("runs")));
    QVERIFY2(QFileInfo(sweep).fileName().startsWith(QStringLiteral("long-sweep-")), qPrintable(sweep));
    QVERIFY(sb::SweepPlan::isSweep(sweep.toStdString()));
    QCOMPARE(window.runsView()->sweepFolder(), sweep);
    QVERIFY(!window.runAction()->isEnabled());  // one thing at a time
    QVERIFY(window.stopAction()->isEnabled());

    const sb::SweepPlan plan = sb::SweepPlan::open(sweep.toStdString());
    QCOMPARE(int(plan.cells().size()), 2);
    const QString first = QString::fromStdString(plan.runFolder(plan.cells()[0]));
    const QString second = QString::fromStdString(plan.runFolder(plan.cells()[1]));
    RunsView* view = window.runsView();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*view, first), QStringLiteral("running"), kCellTimeoutMs);
    QCOMPARE(statusOf(*view, second), QStringLiteral("pending"));

    QToolButton* cancel = window.jobPanel()->cancelButton(sweeps->jobId());
    QVERIFY(cancel);
    cancel->click();
    QVERIFY(finished.wait(kCellTimeoutMs));
    QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("stopped")), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!finished.first().at(2).toBool());
    // Started, not finished, and no process holds it any more: interrupted; the other never started.
    QVERIFY(QFileInfo::exists(first + QStringLiteral("/experiment.json")));
    QVERIFY(!sb::isRunFinished(first.toStdString()));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*view, first), QStringLiteral("interrupted"), 20000);
    QCOMPARE(statusOf(*view, second), QStringLiteral("pending"));
    QVERIFY(!QFileInfo::exists(second));
    QVERIFY(window.runAction()->isEnabled());
}

void TestSweepRuns::submitWithoutSbatchSaysSo()
{
    const QString project = root_.filePath(QStringLiteral("project-slurm"));
    const QString file = writeSweepExperiment(project, dataset_, "cluster", {25, 100}, {1}, 4);
    sb::ui::MainWindow window;
    window.show();
    QCOMPARE(window.openProject(project, true), QString());
    QCOMPARE(window.openExperiment(file, true), QString());
    SweepDialog* dialog = pressF5(window);
    QVERIFY(dialog);
    dialog->findChild<QLineEdit*>(QStringLiteral("partition"))->setText(QStringLiteral("gpu nodes"));
    dialog->findChild<QLineEdit*>(QStringLiteral("time"))->setText(QStringLiteral("1:90"));
    dialog->findChild<QPushButton*>(QStringLiteral("submit"))->click();
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->problems().contains(QStringLiteral("Partition")));
    QVERIFY(dialog->problems().contains(QStringLiteral("Time per task")));
    dialog->findChild<QLineEdit*>(QStringLiteral("partition"))->setText(QStringLiteral("debug"));
    dialog->findChild<QLineEdit*>(QStringLiteral("time"))->setText(QStringLiteral("0:30:00"));
    dialog->findChild<QSpinBox*>(QStringLiteral("cpus"))->setValue(2);
    dialog->findChild<QSpinBox*>(QStringLiteral("array-limit"))->setValue(1);
    QCOMPARE(dialog->slurmOptions().time, std::string("0:30:00"));
    QCOMPARE(dialog->slurmOptions().arrayLimit, 1);

    // No sbatch on PATH: this is not a Slurm login node.
    const QList<QVariant> finished = submitWithoutSbatch(window, dialog);
    QVERIFY(!finished.isEmpty());
    SweepLauncher* sweeps = window.findChild<SweepLauncher*>();
    const QString text = finished.at(1).toString();
    QVERIFY2(finished.at(2).toBool() && text.contains(QStringLiteral("sbatch was not found")), qPrintable(text));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("sbatch was not found")),
             qPrintable(window.statusBar()->currentMessage()));
    // The script is written all the same, for submitting by hand, with the fields chosen.
    const QString sweep = sweeps->sweepFolder();
    QCOMPARE(window.runsView()->sweepFolder(), sweep);
    QFile script(sweep + QStringLiteral("/slurm/submit-001.sbatch"));
    QVERIFY(script.open(QIODevice::ReadOnly));
    const QString written = QString::fromUtf8(script.readAll());
    for (const char* line : {"#SBATCH --partition=debug\n", "#SBATCH --time=0:30:00\n", "#SBATCH --cpus-per-task=2\n", "%1\n"})
        QVERIFY2(written.contains(QLatin1String(line)), line);
}

void TestSweepRuns::untitledSweepTakesPathsFromTheProject()
{
    sb::ui::MainWindow window;
    const QString project = root_.filePath(QStringLiteral("project-untitled"));
    QVERIFY(QDir().mkpath(project));
    QCOMPARE(window.openProject(project, true), QString());
    sb::ExperimentConfig config = window.experiment()->config();
    config.sweep.present = true;
    config.sweep.seeds = {1, 2};
    window.experiment()->edit(config, QStringLiteral("sweep"), QStringLiteral("sweep"));
    QVERIFY(window.experiment()->isValid());
    QVERIFY(window.experiment()->path().isEmpty());
    SweepDialog* dialog = pressF5(window);
    QVERIFY(dialog);
    // Submitted with no sbatch on PATH: planned all the same, relative paths from the project.
    QVERIFY(!submitWithoutSbatch(window, dialog).isEmpty());
    SweepLauncher* sweeps = window.findChild<SweepLauncher*>();
    const sb::SweepPlan plan = sb::SweepPlan::open(sweeps->sweepFolder().toStdString());
    QCOMPARE(QString::fromStdString(plan.experimentFolder()), QDir(project).absolutePath());
    QCOMPARE(plan.cells().size(), size_t(2));
}

void TestSweepRuns::runHereContinuesAnOpenSweep()
{
    const QString project = root_.filePath(QStringLiteral("project-continue"));
    const QString file = writeSweepExperiment(project, dataset_, "again", {100}, {1}, 4);
    const QString sweep = QDir(project).filePath(QStringLiteral("runs/again-sweep"));
    const sb::SweepPlan plan = sb::SweepPlan::create(sweep.toStdString(), sb::readExperiment(file.toStdString()),
                                                     file.toStdString());
    sb::ui::MainWindow window;
    window.show();
    QCOMPARE(window.openProject(project, true), QString());
    RunsView* view = window.runsView();
    QVERIFY(view->openSweep(sweep));
    const QString cell = QString::fromStdString(plan.runFolder(plan.cells()[0]));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*view, cell), QStringLiteral("pending"), 20000);
    SweepLauncher* sweeps = window.findChild<SweepLauncher*>();
    QSignalSpy finished(sweeps, &SweepLauncher::finished);
    auto* runHere = view->findChild<QPushButton*>(QStringLiteral("continue-sweep"));
    QVERIFY(runHere && runHere->isVisible());
    QTRY_VERIFY(runHere->isEnabled());  // a pending cell: something to run
    runHere->click();
    QVERIFY(sweeps->isRunning());
    QVERIFY(finished.wait(kCellTimeoutMs));
    QVERIFY2(!finished.first().at(2).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(sb::isRunFinished(cell.toStdString()));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(*view, cell), QStringLiteral("done"), 20000);
    QTRY_VERIFY(!runHere->isEnabled());  // nothing left to run
    // The project's run list counts the sweep's cells.
    QVERIFY(window.project().runDirectories().contains(cell));
}

QTEST_MAIN(TestSweepRuns)
#include "tst_SweepRuns.moc"
