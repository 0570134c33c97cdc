// Tests of the main window: a project opens, shows its newest run, an edit marks the
// title modified, undo restores it, Save writes the project file atomically and clears
// the mark, layouts switch, and --export-views style rendering writes every view.
#include "ui/curves/CurvesView.h"
#include "ui/curves/RunMetricsModel.h"
#include "core/experiment/ExperimentFile.h"
#include "ui/dataset/DatasetView.h"
#include "ui/dataset/SubsetControl.h"
#include "ui/experiment/ComplexityMeter.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/experiment/ExperimentEditor.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Project.h"
#include "ui/confusion/ClipListModel.h"
#include "ui/confusion/ConfusionView.h"
#include "ui/inspector/ClipInspector.h"
#include "ui/runs/RunTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/workbench/WorkbenchContext.h"
#include "RunFixture.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <QTableView>

#include <algorithm>

namespace {

const QString kDemoRun = QStringLiteral(SCENEBENCH_TEST_DATA "/runs/demo-run");

bool copyRun(const QString& to)
{
    return QDir().mkpath(to) &&
           QFile::copy(kDemoRun + QStringLiteral("/metrics.jsonl"), to + QStringLiteral("/metrics.jsonl"));
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // keep the user's QSettings out of it
        QCoreApplication::setOrganizationName(QStringLiteral("SceneBenchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ui_main"));
    }

    void projectOpenEditUndoSave()
    {
        QTemporaryDir dir;
        QVERIFY(copyRun(dir.filePath(QStringLiteral("runs/demo"))));
        sb::ui::MainWindow window;
        window.show();
        QCOMPARE(window.openProject(dir.path(), true), QString());
        QCOMPARE(window.curvesView()->runDirectory(), dir.filePath(QStringLiteral("runs/demo")));
        QTRY_VERIFY(window.curvesView()->model()->rowCount() > 800);
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.windowTitle().contains(QStringLiteral("[*]")));

        window.curvesView()->setSmoothing(0.25);
        QVERIFY(window.isWindowModified());
        window.undoStack()->undo();
        QCOMPARE(window.curvesView()->smoothing(), 0.6);
        QVERIFY(!window.isWindowModified());
        window.undoStack()->redo();
        QCOMPARE(window.curvesView()->smoothing(), 0.25);

        QVERIFY(window.saveProject());
        QVERIFY(!window.isWindowModified());
        QFile file(dir.filePath(sb::ui::Project::fileName()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
        const QJsonObject curves = root.value(QStringLiteral("views")).toObject().value(QStringLiteral("curves")).toObject();
        QCOMPARE(curves.value(QStringLiteral("run")).toString(), QStringLiteral("runs/demo"));
        QCOMPARE(curves.value(QStringLiteral("smoothing")).toDouble(), 0.25);
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size() == 1);  // no temp file left

        // Reopening restores the saved state.
        sb::ui::MainWindow again;
        QCOMPARE(again.openProject(dir.path(), true), QString());
        QCOMPARE(again.curvesView()->smoothing(), 0.25);
    }

    void badProjectFileIsReportedNotFatal()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(sb::ui::Project::fileName()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        sb::ui::MainWindow window;
        const QString error = window.openProject(dir.path(), true);
        QVERIFY(error.contains(sb::ui::Project::fileName()));
        QVERIFY(error.contains(QStringLiteral("not valid JSON")));
        QVERIFY(!window.project().isOpen());
    }

    void runAndStopFollowTheExperimentAndJobs()
    {
        sb::ui::MainWindow window;
        QAction* stop = nullptr;
        QAction* run = nullptr;
        for (QAction* a : window.findChildren<QAction*>()) {
            if (a->shortcut() == QKeySequence(Qt::Key_Escape)) stop = a;
            if (a->shortcut() == QKeySequence(Qt::Key_F5)) run = a;
        }
        QVERIFY(stop && run);
        QTRY_COMPARE(window.jobs()->runningCount(), 0);  // the meter's first measurement
        QVERIFY(!stop->isEnabled());
        QVERIFY(run->isEnabled());  // the demo experiment is valid
        sb::ExperimentConfig bad = window.experiment()->config();
        bad.student.depth = 12;
        window.experiment()->edit(bad, QStringLiteral("student.depth"), QStringLiteral("depth"));
        QVERIFY(!run->isEnabled());  // an experiment with problems does not run
        QString error;
        QVERIFY(window.runExperiment(&error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("problem")));
        window.undoStack()->undo();
        QVERIFY(run->isEnabled());
        QVERIFY(window.runExperiment(&error).isEmpty());  // no project to keep the run in
        QVERIFY(error.contains(QStringLiteral("project")));

        std::atomic<bool> release{false};
        window.jobs()->start(
            QStringLiteral("wait"),
            [&release](sb::JobObserver&, sb::CancellationToken& token) {
                while (!release) {
                    token.checkpoint();
                    QThread::msleep(2);
                }
                return sb::ui::JobBridge::Delivery();
            },
            &window);
        QVERIFY(stop->isEnabled());
        stop->trigger();  // Esc
        QTRY_VERIFY(!stop->isEnabled());
        release = true;
    }

    void meterFollowsTheStudentBothWays()
    {
        sb::ui::MainWindow window;
        sb::ui::ComplexityMeter* meter = window.complexityMeter();
        QSignalSpy measured(meter, &sb::ui::ComplexityMeter::measured);
        QTRY_VERIFY_WITH_TIMEOUT(meter->complexity().params == 126858, 20000);  // the demo's TF-SepNet-64
        sb::ExperimentConfig edited = window.experiment()->config();
        edited.student.width = 32;
        window.experiment()->edit(edited, QStringLiteral("student.width"), QStringLiteral("width"));
        QCOMPARE(meter->width(), 32);
        QTRY_VERIFY_WITH_TIMEOUT(meter->complexity().params > 0 && meter->complexity().params < 126858 / 2, 20000);
        QVERIFY(meter->withinLimits());

        // Editing in the meter edits the experiment, and undo takes both back.
        const int demoMels = window.experiment()->config().student.mels;
        const int otherMels = demoMels == 512 ? 256 : 512;
        meter->findChildren<QSpinBox*>()[2]->setValue(otherMels);  // Mel bins
        QCOMPARE(window.experiment()->config().student.mels, otherMels);
        window.undoStack()->undo();
        QCOMPARE(window.experiment()->config().student.mels, demoMels);
        QCOMPARE(meter->mels(), demoMels);
        window.undoStack()->undo();
        QCOMPARE(meter->width(), 64);
        QTRY_VERIFY_WITH_TIMEOUT(meter->complexity().params == 126858, 20000);

        // A size the experiment refuses is not measured: the meter says why.
        edited = window.experiment()->config();
        edited.student.mels = 100;
        window.experiment()->edit(edited, QStringLiteral("student.mels"), QStringLiteral("mels"));
        QTRY_VERIFY(meter->verdictText().contains(QStringLiteral("multiple of 32")));
        QVERIFY(!meter->withinLimits());
    }

    void datasetChoiceIsTheExperimentsDataset()
    {
        sb::ui::MainWindow window;
        window.datasetView()->openFolder(QStringLiteral(SCENEBENCH_TEST_DATA "/dcase2024-task1-splits"));
        QTRY_VERIFY_WITH_TIMEOUT(window.datasetView()->index() != nullptr, 20000);
        const sb::DatasetConfig& dataset = window.experiment()->config().dataset;
        QCOMPARE(QString::fromStdString(dataset.path),
                 QFileInfo(QStringLiteral(SCENEBENCH_TEST_DATA "/dcase2024-task1-splits")).absoluteFilePath());
        const int steps = window.undoStack()->count();
        window.datasetView()->subsetControl()->setChoice(sb::SubsetChoice::custom(12.5, 4));
        emit window.datasetView()->subsetControl()->choiceChanged();  // as when the user edits it
        QCOMPARE(window.experiment()->config().dataset.percent, 12.5);
        QCOMPARE(window.experiment()->config().dataset.subsetSeed, 4);
        QCOMPARE(window.undoStack()->count(), steps + 1);  // one step for both
        window.undoStack()->undo();
        QCOMPARE(window.experiment()->config().dataset.percent, 0.0);
        QCOMPARE(window.datasetView()->subsetControl()->choice().kind, sb::SubsetChoice::Kind::Official);

        // And the other way: the experiment's split shows in the Dataset view.
        sb::ExperimentConfig edited = window.experiment()->config();
        edited.dataset.split = 25;
        window.experiment()->edit(edited, QStringLiteral("dataset.split"), QStringLiteral("split"));
        QCOMPARE(window.datasetView()->subsetControl()->choice().officialPercent, 25);
    }

    void experimentFileOpensSavesAndRefusesBadFiles()
    {
        QTemporaryDir dir;
        sb::ui::MainWindow window;
        QCOMPARE(window.openProject(dir.path(), true), QString());
        // Edit the untitled demo experiment; Save puts it into the project under its name.
        sb::ExperimentConfig edited = window.experiment()->config();
        edited.student.width = 48;
        window.experiment()->edit(edited, QStringLiteral("student.width"), QStringLiteral("width"));
        QVERIFY(window.isWindowModified());
        QVERIFY(window.saveProject());
        QVERIFY(!window.isWindowModified());
        const QString saved = dir.filePath(QStringLiteral("demo.json"));
        QCOMPARE(window.experiment()->path(), saved);
        QCOMPARE(sb::readExperiment(saved.toStdString()).student.width, 48);

        // A broken file is refused: the editor says what and where, the experiment stays.
        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"format\": \"scenebench-experiment\",\n  \"version\": 1,\n  \"student\": {\"width\": 64,}\n}\n");
        file.close();
        const QString error = window.openExperiment(broken, true);
        QVERIFY2(error.contains(QStringLiteral("line 4")), qPrintable(error));
        QVERIFY(window.experimentEditor()->openProblemsText().contains(QStringLiteral("line 4")));
        QCOMPARE(window.experiment()->path(), saved);
        QCOMPARE(window.experiment()->config().student.width, 48);

        // Reopening the project brings its experiment back.
        sb::ui::MainWindow again;
        QCOMPARE(again.openProject(dir.path(), true), QString());
        QCOMPARE(again.experiment()->path(), saved);
        QCOMPARE(again.experiment()->config().student.width, 48);
        QCOMPARE(again.complexityMeter()->width(), 48);
    }

    void layoutsSwitch()
    {
        sb::ui::MainWindow window;
        window.show();
        const qreal base = QApplication::font().pointSizeF();
        window.setLayoutName(sb::ui::MainWindow::teachingLayout());
        QCOMPARE(window.layoutName(), sb::ui::MainWindow::teachingLayout());
        QVERIFY(QApplication::font().pointSizeF() > base * 1.4);
        window.setLayoutName(sb::ui::MainWindow::researchLayout());
        QCOMPARE(QApplication::font().pointSizeF(), base);
        // Every view fits the 1400 x 900 window the workbench is designed for.
        QVERIFY2(window.minimumSizeHint().width() <= 1400 && window.minimumSizeHint().height() <= 900,
                 qPrintable(QStringLiteral("%1 x %2").arg(window.minimumSizeHint().width()).arg(window.minimumSizeHint().height())));
    }

    void exportsEveryView()
    {
        QTemporaryDir dir;
        sb::ui::MainWindow window;
        window.show();
        window.openRun(kDemoRun);
        QStringList errors;
        const QStringList written = window.exportViews(dir.filePath(QStringLiteral("shots")), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        for (const QString& path : written) {
            if (!path.endsWith(QLatin1String(".png"))) continue;  // plots also go to SVG, PDF and CSV
            const QImage image(path);
            QVERIFY2(!image.isNull() && image.width() > 300, qPrintable(path));
        }
        for (const QString& view : {QStringLiteral("curves"), QStringLiteral("experiment"), QStringLiteral("complexity"),
                                    QStringLiteral("dataset"), QStringLiteral("jobs"), QStringLiteral("window")})
            QVERIFY2(written.contains(dir.filePath(QStringLiteral("shots/%1.png").arg(view))), qPrintable(view));
    }

    // The inspection half on a finished run: the views follow the current run, a clip
    // chosen in the Confusion list reaches the inspector (one shared clip), and Export
    // Views writes every inspection view with its plots and numbers.
    void inspectionViewsShareTheRunAndTheClip()
    {
        QTemporaryDir dir;
        RunFixtureParams p;
        p.runDirectory = dir.filePath(QStringLiteral("runs/fixture"));
        p.audioFolder = dir.filePath(QStringLiteral("data"));
        p.clipsPerSceneDevice = 1;
        const RunFixture run = RunFixture::write(p);
        sb::ui::MainWindow window;
        window.show();
        QCOMPARE(window.openProject(dir.path(), true), QString());
        QCOMPARE(window.context()->runDirectory(), run.runDirectory);
        QTRY_VERIFY(window.confusionView()->predictions() != nullptr);
        QTRY_COMPARE(window.runsView()->tableModel()->rowCount(), 1);

        // A cell of the student's overall matrix -> its clips -> the first is the current clip.
        window.confusionView()->setModel(QStringLiteral("student"));
        const auto& student = *window.confusionView()->predictions()->find(QStringLiteral("student"))->predictions;
        const auto wrong = student.misclassified();
        QVERIFY(!wrong.empty());
        const auto& clip = student.clips[wrong.front()];
        window.confusionView()->clickCell(QString(), clip.trueClass, clip.predictedClass);
        QVERIFY(window.confusionView()->clipModel()->rowCount() > 0);
        window.confusionView()->clipTable()->selectRow(0);
        QVERIFY(window.context()->clip().isValid());
        QCOMPARE(window.clipInspector()->clip(), window.context()->clip());
        QVERIFY(QFileInfo(window.context()->clip().audioPath).isFile());

        QStringList errors;
        const QStringList written = window.exportViews(dir.filePath(QStringLiteral("shots")), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        for (const QString& name : {QStringLiteral("confusion.png"), QStringLiteral("map.png"), QStringLiteral("runs.png"),
                                    QStringLiteral("clip-inspector.png"), QStringLiteral("confusion-student-all.csv"),
                                    QStringLiteral("runs-learning-curve.csv"), QStringLiteral("clip-inspector-predictions.csv")})
            QVERIFY2(written.contains(dir.filePath(QStringLiteral("shots/") + name)), qPrintable(name));
        for (const char* kind : {"confusion-", "map-", "runs-", "clip-inspector-"}) {
            const QString prefix = dir.filePath(QStringLiteral("shots/") + QLatin1String(kind));
            for (const char* suffix : {".svg", ".pdf"})
                QVERIFY2(std::any_of(written.begin(), written.end(),
                                     [&](const QString& f) { return f.startsWith(prefix) && f.endsWith(QLatin1String(suffix)); }),
                         kind);
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
