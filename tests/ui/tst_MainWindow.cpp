// Tests of the main window: a project opens, shows its newest run, an edit marks the
// title modified, undo restores it, Save writes the project file atomically and clears
// the mark, layouts switch, and --export-views style rendering writes every view.
#include "ui/curves/CurvesView.h"
#include "ui/curves/RunMetricsModel.h"
#include "ui/dataset/DatasetView.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Project.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

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

    void runAndStopFollowJobs()
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
        QVERIFY(!run->isEnabled());  // nothing to run without a dataset
        window.datasetView()->openFolder(QStringLiteral(SCENEBENCH_TEST_DATA "/dcase2024-task1-splits"));
        QVERIFY(!run->isEnabled());  // not while it loads
        QTRY_VERIFY_WITH_TIMEOUT(window.datasetView()->index() != nullptr, 20000);
        QTRY_VERIFY(run->isEnabled());
        QTRY_COMPARE(window.jobs()->runningCount(), 0);
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
        QVERIFY(written.size() >= 3);  // the window, Curves, Jobs
        for (const QString& path : written) {
            const QImage image(path);
            QVERIFY2(!image.isNull() && image.width() > 300, qPrintable(path));
        }
        QVERIFY(written.contains(dir.filePath(QStringLiteral("shots/curves.png"))));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
