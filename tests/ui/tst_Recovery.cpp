// What survives a crash, tested with real kills: this executable re-executes itself as a
// child (ChildProcess: role edit, run or hold, read in main() before Qt Test runs) that
// drives the real MainWindow, and the parent SIGKILLs it, then opens the same project in a
// new window.
//   - The experiment's autosave follows the document (written after the delay, removed
//     when saved, undone back to the file, or the window ends).
//   - Edits survive a kill: the recovery is offered (not while the child lives), Recover
//     restores exactly the edited fields as one undo step, Discard deletes the file, the
//     experiment file is never touched; unreadable recovery files are set aside, reported.
//   - A run started with F5 and killed in the student's training resumes in a new window
//     and ends with the same predictions and summary as `scenebench-cli run` straight
//     through; while another process holds the run it is shown running elsewhere and not
//     offered for resuming.
#include "core/data/DemoDataset.h"
#include "core/experiment/ExperimentFile.h"
#include "core/experiment/MetricsLog.h"
#include "core/experiment/RunDirectory.h"
#include "core/experiment/RunLock.h"
#include "tests/core/train/TinyExperiment.h"
#include "ui/experiment/ExperimentAutosave.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/experiment/RecoveryFile.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/MainWindow.h"
#include "ui/main/MessageBar.h"
#include "ui/main/SessionRecovery.h"
#include "ui/runs/RunLauncher.h"
#include "ui/runs/RunTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/workbench/WorkbenchContext.h"
#include "ChildProcess.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <functional>
#include <memory>
#include <optional>

using sb::ui::ExperimentAutosave;
using sb::ui::ExperimentDocument;
using sb::ui::JobBridge;
using sb::ui::MainWindow;
using sb::ui::RecoveryFile;
using sb::ui::RunLauncher;
using sb::ui::RunTableModel;

namespace {

constexpr int kRunTimeoutMs = 300000;

void setIdentity()
{
    QStandardPaths::setTestModeEnabled(true);  // recovery files and settings away from the user's
    QCoreApplication::setOrganizationName(QStringLiteral("SceneBenchTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_recovery"));
}

// The edits the child makes, one undo step each: a few fields across the file, the last
// one a value the rules refuse (a width typed halfway is what an editor holds too).
struct Edit {
    QString field;
    std::function<void(sb::ExperimentConfig&)> apply;
};

std::vector<Edit> edits()
{
    return {{QStringLiteral("seed"), [](sb::ExperimentConfig& c) { c.seed = 4242; }},
            {QStringLiteral("student.epochs"), [](sb::ExperimentConfig& c) { c.student.epochs = 11; }},
            {QStringLiteral("teachers[].optimizer.lr"), [](sb::ExperimentConfig& c) { c.teachers.at(0).optimizer.lr = 3.5e-4; }},
            {QStringLiteral("description"), [](sb::ExperimentConfig& c) { c.description = "edited, then killed"; }},
            {QStringLiteral("student.width"), [](sb::ExperimentConfig& c) { c.student.width = 66; }}};
}

// Child: opens the project, edits its experiment through the document and says where
// the autosave went; then works on until killed.
int editChild(const QString& project)
{
    MainWindow window;
    window.show();
    if (!window.openProject(project, true).isEmpty()) return 3;
    ExperimentAutosave* autosave = window.recovery()->autosave();
    autosave->setDelay(100);
    QObject::connect(autosave, &ExperimentAutosave::written,
                     [](const QString& file) { ChildProcess::say(QStringLiteral("WRITTEN ") + file); });
    for (const Edit& edit : edits()) {
        sb::ExperimentConfig after = window.experiment()->config();
        edit.apply(after);
        window.experiment()->edit(after, edit.field, edit.field);
    }
    return QApplication::exec();
}

// Child: runs the project's experiment with F5's path and says where.
int runChild(const QString& project, const QString& experiment)
{
    MainWindow window;
    window.show();
    if (!window.openProject(project, true).isEmpty() || !window.openExperiment(experiment, true).isEmpty()) return 3;
    QString error;
    const QString run = window.runExperiment(&error);
    if (run.isEmpty()) {
        ChildProcess::say(QStringLiteral("FAILED ") + error);
        return 3;
    }
    ChildProcess::say(QStringLiteral("RUN ") + run);
    return QApplication::exec();
}

// Child: holds a run's lock, as a CLI running it in a terminal would.
int holdChild(const QString& run)
{
    sb::RunLock lock(run.toStdString());
    ChildProcess::say(QStringLiteral("HELD"));
    return QApplication::exec();
}

QProcessEnvironment cacheIn(const QString& folder)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("SCENEBENCH_CACHE_DIR"), folder);
    return env;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// True once metrics.jsonl holds an epoch event of `model` (tests/core/train/tst_RunCli.cpp).
bool epochLogged(const QString& run, const std::string& model)
{
    const std::string metrics = (run + QStringLiteral("/metrics.jsonl")).toStdString();
    if (!QFileInfo::exists(QString::fromStdString(metrics))) return false;
    for (const auto& e : sb::readMetrics(metrics))
        if (e.value("event", "") == "epoch" && e.value("model", "") == model) return true;
    return false;
}

QString statusOf(sb::ui::RunsView* view, const QString& run)
{
    const int row = view->tableModel()->rowOf(run);
    return row < 0 ? QString() : view->tableModel()->index(row, RunTableModel::StatusColumn).data().toString();
}

}  // namespace

class TestRecovery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void autosaveFollowsTheDocument();
    void editsSurviveAKill();
    void unreadableRecoveryIsSetAsideAndReported();
    void guiRunResumesAfterAKill();
    void cleanupTestCase();

private:
    // A project folder holding `experiment` as its experiment file (scenebench-project.json names it).
    QString makeProject(const QString& name, const sb::ExperimentConfig& experiment);

    QTemporaryDir root_;
    QString dataset_;
};

void TestRecovery::initTestCase()
{
    QVERIFY(root_.isValid());
    QDir(RecoveryFile::folder()).removeRecursively();  // what earlier runs of this test left
    qputenv("SCENEBENCH_CACHE_DIR", root_.filePath(QStringLiteral("cache-gui")).toUtf8());
    dataset_ = root_.filePath(QStringLiteral("tiny-demo"));
    sb::demo::DemoDatasetParams params;
    params.outDir = dataset_.toStdString();
    params.size = sb::demo::DemoSize::tiny();
    sb::CancellationToken token;
    sb::demo::generateDemoDataset(params, nullptr, token);
}

void TestRecovery::cleanupTestCase()
{
    QDir(RecoveryFile::folder()).removeRecursively();  // the unreadable files set aside
}

QString TestRecovery::makeProject(const QString& name, const sb::ExperimentConfig& experiment)
{
    const QString folder = root_.filePath(name);
    if (!QDir().mkpath(folder)) return {};
    const QString file = folder + QStringLiteral("/experiment.json");
    sb::writeExperiment(file.toStdString(), experiment);
    MainWindow window;
    if (!window.openProject(folder, true).isEmpty() || !window.openExperiment(file, true).isEmpty()) return {};
    return window.saveProject() ? folder : QString();
}

void TestRecovery::autosaveFollowsTheDocument()
{
    const sb::ExperimentConfig base = ExperimentDocument::demoExperiment();
    const QString project = makeProject(QStringLiteral("autosave"), base);
    QVERIFY(!project.isEmpty());
    QString written;
    {
        MainWindow window;
        QCOMPARE(window.openProject(project, true), QString());
        ExperimentAutosave* autosave = window.recovery()->autosave();
        QCOMPARE(autosave->delay(), ExperimentAutosave::kDefaultDelayMs);
        autosave->setDelay(200);
        QSignalSpy writes(autosave, &ExperimentAutosave::written);
        sb::ExperimentConfig edited = base;
        edited.student.epochs = 3;
        window.experiment()->edit(edited, QStringLiteral("student.epochs"), QStringLiteral("epochs"));
        QCOMPARE(autosave->file(), QString());  // not at once: after the delay
        QVERIFY(writes.wait(5000));
        written = autosave->file();
        QCOMPARE(writes.first().at(0).toString(), written);
        QString error;
        const std::optional<RecoveryFile> file = RecoveryFile::read(written, &error);
        QVERIFY2(file, qPrintable(error));
        QVERIFY(ExperimentDocument::sameExperiment(file->config, edited));
        QCOMPARE(file->experimentFile, project + QStringLiteral("/experiment.json"));
        QCOMPARE(file->pid, QCoreApplication::applicationPid());
        QVERIFY(qAbs(file->time.secsTo(QDateTime::currentDateTime())) < 60);

        window.undoStack()->undo();  // back to the file: nothing to recover
        QVERIFY(!QFileInfo::exists(written));
        QCOMPARE(autosave->file(), QString());
        window.undoStack()->redo();
        QVERIFY(writes.wait(5000));
        QVERIFY(QFileInfo::exists(autosave->file()));
        written = autosave->file();
        QVERIFY(window.saveProject());  // saved: gone
        QVERIFY(!QFileInfo::exists(written));

        edited.seed = 99;
        window.experiment()->edit(edited, QStringLiteral("seed"), QStringLiteral("seed"));
        QVERIFY(writes.wait(5000));
        written = autosave->file();
        QVERIFY(QFileInfo::exists(written));
        QVERIFY(QFileInfo::exists(written + QStringLiteral(".lock")));
    }
    // The window ended without a crash: its recovery file (and lock) went with it.
    QVERIFY(!QFileInfo::exists(written));
    QVERIFY(!QFileInfo::exists(written + QStringLiteral(".lock")));
}

void TestRecovery::editsSurviveAKill()
{
    sb::ExperimentConfig base = ExperimentDocument::demoExperiment();
    base.name = "edit";
    const QString project = makeProject(QStringLiteral("edit"), base);
    QVERIFY(!project.isEmpty());
    const QString file = project + QStringLiteral("/experiment.json");
    const QByteArray onDisk = readAll(file);
    sb::ExperimentConfig expected = base;
    for (const Edit& edit : edits()) edit.apply(expected);

    ChildProcess child(QStringLiteral("edit"), {project}, cacheIn(root_.filePath(QStringLiteral("cache-gui"))));
    const QString recovery = child.waitForLine(QStringLiteral("WRITTEN "), 60000).value_or(QString());
    QVERIFY2(!recovery.isEmpty(), qPrintable(child.output()));
    {
        // While its window lives, no one else offers its changes.
        MainWindow window;
        QCOMPARE(window.openProject(project, true), QString());
        QCOMPARE(window.recovery()->autosave()->offerCount(), 0);
    }
    QVERIFY(child.kill());
    QVERIFY(QFileInfo::exists(recovery));
    const QString kept = root_.filePath(QStringLiteral("recovery-copy.json"));
    QVERIFY(QFile::copy(recovery, kept));

    {
        MainWindow window;
        window.show();
        QCOMPARE(window.openProject(project, true), QString());
        sb::ui::SessionRecovery* session = window.recovery();
        QCOMPARE(session->autosave()->offerCount(), 1);
        const RecoveryFile* offer = session->autosave()->offer();
        QCOMPARE(offer->path, recovery);
        QCOMPARE(offer->experimentFile, file);
        QCOMPARE(offer->pid, child.pid());
        QVERIFY(session->recoveryBar()->isVisibleTo(&window));
        QVERIFY2(session->recoveryBar()->text().startsWith(QStringLiteral("Recover the unsaved changes to experiment.json from ")),
                 qPrintable(session->recoveryBar()->text()));
        QVERIFY(ExperimentDocument::sameExperiment(window.experiment()->config(), base));  // nothing applied unasked
        QVERIFY(!window.isWindowModified());

        session->recoveryBar()->findChild<QPushButton*>(QStringLiteral("recover"))->click();
        const sb::ExperimentConfig& recovered = window.experiment()->config();
        QVERIFY(ExperimentDocument::sameExperiment(recovered, expected));
        QCOMPARE(recovered.seed, 4242);
        QCOMPARE(recovered.student.epochs, 11);
        QCOMPARE(recovered.teachers.at(0).optimizer.lr, 3.5e-4);
        QCOMPARE(recovered.description, std::string("edited, then killed"));
        QCOMPARE(recovered.student.width, 66);
        QVERIFY(!window.experiment()->issuesFor(QStringLiteral("student.width")).isEmpty());
        QVERIFY(window.experiment()->isModified());
        QVERIFY(window.isWindowModified());
        QVERIFY(!session->recoveryBar()->isVisibleTo(&window));
        // Its changes are in this window's recovery file now; the offered one is gone.
        QVERIFY(!QFileInfo::exists(recovery));
        QString error;
        const std::optional<RecoveryFile> own = RecoveryFile::read(session->autosave()->file(), &error);
        QVERIFY2(own, qPrintable(error));
        QVERIFY(ExperimentDocument::sameExperiment(own->config, expected));

        window.undoStack()->undo();  // one step: back to the file
        QVERIFY(ExperimentDocument::sameExperiment(window.experiment()->config(), base));
        QVERIFY(!window.experiment()->isModified());
        QVERIFY(!window.undoStack()->canUndo());
    }
    QCOMPARE(readAll(file), onDisk);

    // The same recovery once more (as the killed child left it): Discard deletes it.
    QVERIFY(QFile::rename(kept, recovery));
    {
        MainWindow window;
        QCOMPARE(window.openProject(project, true), QString());
        QCOMPARE(window.recovery()->autosave()->offerCount(), 1);
        window.recovery()->recoveryBar()->findChild<QPushButton*>(QStringLiteral("discard"))->click();
        QVERIFY(!QFileInfo::exists(recovery));
        QCOMPARE(window.recovery()->autosave()->offerCount(), 0);
        QVERIFY(ExperimentDocument::sameExperiment(window.experiment()->config(), base));
        QVERIFY(!window.isWindowModified());
    }
    {
        MainWindow window;
        QCOMPARE(window.openProject(project, true), QString());
        QCOMPARE(window.recovery()->autosave()->offerCount(), 0);
    }
    QCOMPARE(readAll(file), onDisk);
}

void TestRecovery::unreadableRecoveryIsSetAsideAndReported()
{
    sb::ExperimentConfig base = ExperimentDocument::demoExperiment();
    const QString project = makeProject(QStringLiteral("unreadable"), base);
    QVERIFY(!project.isEmpty());
    const QString file = project + QStringLiteral("/experiment.json");
    const QString prefix = QDir(RecoveryFile::folder()).filePath(RecoveryFile::prefixFor(file, QString()));
    QVERIFY(QDir().mkpath(RecoveryFile::folder()));
    const QString notJson = prefix + QStringLiteral("-not-json.json");
    const QString damaged = prefix + QStringLiteral("-damaged.json");
    const QString unchanged = prefix + QStringLiteral("-unchanged.json");
    {
        QFile out(notJson);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("{ \"format\": \"scenebench-recovery\", ");  // cut off mid-write
    }
    RecoveryFile same;
    same.path = unchanged;
    same.experimentFile = file;
    same.time = QDateTime::currentDateTime();
    same.pid = 1;
    same.config = base;
    QCOMPARE(same.write(), QString());
    {
        // A well-formed file whose experiment has a field SceneBench does not know.
        RecoveryFile bad = same;
        bad.path = damaged;
        QCOMPARE(bad.write(), QString());
        QByteArray text = readAll(damaged);
        text.replace("\"student\": {", "\"student\": { \"wdith\": 64,");
        QFile out(damaged);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    }

    MainWindow window;
    QSignalSpy problems(window.recovery()->autosave(), &ExperimentAutosave::problem);
    QCOMPARE(window.openProject(project, true), QString());
    QCOMPARE(window.recovery()->autosave()->offerCount(), 0);
    QCOMPARE(problems.size(), 2);
    QVERIFY2(problems.at(0).at(0).toString().contains(damaged + QStringLiteral(": the experiment in it is damaged")),
             qPrintable(problems.at(0).at(0).toString()));
    QVERIFY(problems.at(0).at(0).toString().contains(QStringLiteral("student.wdith")));
    QVERIFY2(problems.at(1).at(0).toString().contains(notJson + QStringLiteral(": not a JSON object")),
             qPrintable(problems.at(1).at(0).toString()));
    QVERIFY(problems.at(1).at(0).toString().contains(notJson + QStringLiteral(".unreadable")));  // where it went
    QVERIFY(window.statusBar()->currentMessage().contains(notJson));  // what the user sees
    QVERIFY(!QFileInfo::exists(notJson));
    QVERIFY(!QFileInfo::exists(damaged));
    QVERIFY(QFileInfo::exists(notJson + QStringLiteral(".unreadable")));
    QVERIFY(QFileInfo::exists(damaged + QStringLiteral(".unreadable")));
    QVERIFY(!QFileInfo::exists(unchanged));  // the same as the file: nothing to recover
    QVERIFY(ExperimentDocument::sameExperiment(window.experiment()->config(), base));
}

void TestRecovery::guiRunResumesAfterAKill()
{
    const QString project = root_.filePath(QStringLiteral("runs-project"));
    QVERIFY(QDir().mkpath(project));
    const QString experiment = project + QStringLiteral("/kill-test.json");
    sb::writeExperiment(experiment.toStdString(), sb::test::tinyExperiment(dataset_.toStdString(), "kill-test"));
    // The same experiment straight through, meanwhile (its own cache: two writers never share one).
    const QString straight = root_.filePath(QStringLiteral("straight"));
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SCENEBENCH_CACHE_DIR"), root_.filePath(QStringLiteral("cache-cli")));
    cli.setProcessEnvironment(env);
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"), {QStringLiteral("run"), experiment, QStringLiteral("--out"), straight});

    const QProcessEnvironment cache = cacheIn(root_.filePath(QStringLiteral("cache-gui")));
    ChildProcess child(QStringLiteral("run"), {project, experiment}, cache);
    const QString run = child.waitForLine(QStringLiteral("RUN "), 60000).value_or(QString());
    QVERIFY2(!run.isEmpty(), qPrintable(child.output()));
    QTRY_VERIFY_WITH_TIMEOUT(epochLogged(run, "student") || !child.isRunning(), kRunTimeoutMs);
    QVERIFY2(child.isRunning(), qPrintable(child.output()));
    QVERIFY(child.kill());
    QVERIFY(!RunLauncher::isFinished(run));

    // Another process takes the run up (a terminal's resume): it is not offered here.
    ChildProcess holder(QStringLiteral("hold"), {run}, cache);
    QVERIFY2(holder.waitForLine(QStringLiteral("HELD"), 60000), qPrintable(holder.output()));
    {
        MainWindow window;
        window.show();
        QCOMPARE(window.openProject(project, true), QString());
        QVERIFY(window.recovery()->interruptedRuns().isEmpty());
        QVERIFY(!window.recovery()->runsBar()->isVisibleTo(&window));
        sb::ui::RunsView* view = window.runsView();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(view, run), QStringLiteral("running elsewhere"), 20000);
        view->tableView()->selectRow(0);
        QVERIFY(!view->resumeAction()->isEnabled());
        QVERIFY(view->resumeAction()->text().contains(QStringLiteral("another process")));
        QCOMPARE(window.context()->runDirectory(), run);
        QVERIFY(!window.resumeAction()->isEnabled());  // Shift+F5
        QString error;
        QVERIFY(!window.resumeRun(&error));
        QVERIFY2(error.contains(QStringLiteral("running in another process")), qPrintable(error));
        QVERIFY(!window.runLauncher()->isRunning());

        QVERIFY(holder.kill());  // that process ends: the run is interrupted again
        view->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(view, run), QStringLiteral("interrupted"), 20000);
        view->tableView()->selectRow(0);
        QVERIFY(view->resumeAction()->isEnabled());
    }

    MainWindow window;
    window.show();
    QCOMPARE(window.openProject(project, true), QString());
    QCOMPARE(window.recovery()->interruptedRuns(), QStringList{run});
    sb::ui::MessageBar* bar = window.recovery()->runsBar();
    QVERIFY(bar->isVisibleTo(&window));
    QVERIFY2(bar->text().contains(QFileInfo(run).fileName()), qPrintable(bar->text()));
    QCOMPARE(window.context()->runDirectory(), run);
    QVERIFY(window.resumeAction()->isEnabled());  // Shift+F5 would resume it too
    QSignalSpy finished(window.runLauncher(), &RunLauncher::finished);
    bar->findChild<QPushButton*>(QStringLiteral("resume"))->click();
    QVERIFY(window.runLauncher()->runs(run));
    QVERIFY(!bar->isVisibleTo(&window));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(window.runsView(), run), QStringLiteral("running"), 20000);
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(finished.first().at(1).value<JobBridge::Outcome>(), JobBridge::Outcome::Succeeded);
    QVERIFY(RunLauncher::isFinished(run));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(window.runsView(), run), QStringLiteral("finished"), 20000);

    QVERIFY(cli.state() == QProcess::NotRunning || cli.waitForFinished(kRunTimeoutMs));
    QVERIFY2(cli.exitCode() == 0, cli.readAll().constData());
    QCOMPARE(sb::RunDirectory::open(run.toStdString()).summary().dump(),
             sb::RunDirectory::open(straight.toStdString()).summary().dump());
    const QStringList models = QDir(straight + QStringLiteral("/models")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(QDir(run + QStringLiteral("/models")).entryList(QDir::Dirs | QDir::NoDotAndDotDot), models);
    QVERIFY2(models.contains(QStringLiteral("student")) && models.contains(QStringLiteral("student-nokd")), qPrintable(models.join(u',')));
    for (const QString& model : models) {
        const QString predictions = QStringLiteral("/models/%1/predictions.csv").arg(model);
        const QByteArray expected = readAll(straight + predictions);
        QVERIFY(!expected.isEmpty());
        QVERIFY2(readAll(run + predictions) == expected, qPrintable(model));
    }
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    setIdentity();
    const QString role = ChildProcess::role();
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (role == QLatin1String("edit")) return editChild(args.value(0));
    if (role == QLatin1String("run")) return runChild(args.value(0), args.value(1));
    if (role == QLatin1String("hold")) return holdChild(args.value(0));
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestRecovery test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_Recovery.moc"
