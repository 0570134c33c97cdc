// scenebench: the desktop workbench.
//   scenebench [--project DIR] [--run RUN_DIR] [--layout Research|Teaching] [--theme light|dark]
//              [--export-views OUT_DIR]
// --export-views renders every view to PNG in OUT_DIR (and the inspection views' plots
// to SVG/PDF/CSV) and exits (works headless with QT_QPA_PLATFORM=offscreen); the user
// guide's screenshots come from it. With --run and no clip chosen, the Clip inspector
// shows the run student's first misclassified clip.
#include "core/common/Error.h"
#include "core/common/ProcessMemory.h"
#include "core/results/ModelPredictions.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Theme.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <csignal>
#include <cstdio>

namespace {

// A clip worth inspecting in the exported views: the student's first mistake.
void chooseExampleClip(sb::ui::MainWindow& window)
{
    sb::ui::WorkbenchContext* context = window.context();
    if (context->clip().isValid() || context->runDirectory().isEmpty()) return;
    try {
        const auto student = sb::ModelPredictions::load(context->runDirectory().toStdString(), "student");
        const auto wrong = student.misclassified();
        if (!wrong.empty()) context->setClip(context->clipFromRun(QString::fromStdString(student.clips[wrong.front()].filename)));
    } catch (const sb::Error&) {
        // No student predictions (yet): the inspector shows its placeholder.
    }
}

int exportAndQuit(sb::ui::MainWindow& window, const QString& directory)
{
    chooseExampleClip(window);
    QStringList errors;
    const QStringList written = window.exportViews(directory, &errors);
    for (const QString& path : written) std::printf("%s\n", qPrintable(QDir::toNativeSeparators(path)));
    for (const QString& error : errors) std::fprintf(stderr, "scenebench: %s\n", qPrintable(error));
    return errors.isEmpty() ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv)
{
    // As in scenebench-cli: a file-size limit makes writes fail (reported), not kill the GUI.
    std::signal(SIGXFSZ, SIG_IGN);
    sb::keepFreedMemoryForReuse();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SceneBench"));
    QApplication::setOrganizationName(QStringLiteral("SceneBench"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QGuiApplication::setDesktopFileName(QStringLiteral("scenebench"));  // links windows to scenebench.desktop

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("SceneBench: data-efficient acoustic scene classification workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption project(QStringLiteral("project"), QStringLiteral("Open the project folder DIR."), QStringLiteral("DIR"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Make RUN_DIR the current run (every view shows it)."), QStringLiteral("RUN_DIR"));
    const QCommandLineOption layout(QStringLiteral("layout"), QStringLiteral("Start in the named layout (Research or Teaching)."), QStringLiteral("NAME"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("Use the light or dark theme."), QStringLiteral("MODE"));
    const QCommandLineOption exportViews(QStringLiteral("export-views"), QStringLiteral("Render every view to PNG (plots also to SVG, PDF, CSV) in OUT_DIR and exit."), QStringLiteral("OUT_DIR"));
    parser.addOptions({project, run, layout, theme, exportViews});
    parser.process(app);

    sb::ui::MainWindow window;
    if (parser.isSet(theme)) {
        const QString mode = parser.value(theme);
        if (mode != QLatin1String("light") && mode != QLatin1String("dark")) {
            std::fprintf(stderr, "scenebench: --theme: expected light or dark, got '%s'\n", qPrintable(mode));
            return 2;
        }
        window.theme()->setMode(sb::ui::Theme::modeFromName(mode));
    }
    if (parser.isSet(layout)) {
        const QString name = parser.value(layout);
        if (name != sb::ui::MainWindow::researchLayout() && name != sb::ui::MainWindow::teachingLayout()) {
            std::fprintf(stderr, "scenebench: --layout: expected Research or Teaching, got '%s'\n", qPrintable(name));
            return 2;
        }
        window.setLayoutName(name);
    }
    const bool headless = parser.isSet(exportViews);
    if (parser.isSet(project)) {
        const QString error = window.openProject(parser.value(project), headless);
        if (!error.isEmpty() && headless) {
            std::fprintf(stderr, "scenebench: --project: %s\n", qPrintable(error));
            return 2;
        }
    }
    if (parser.isSet(run)) {
        const QString dir = parser.value(run);
        if (!QFileInfo(dir).isDir()) {
            std::fprintf(stderr, "scenebench: --run: %s is not a folder\n", qPrintable(dir));
            return 2;
        }
        window.openRun(QFileInfo(dir).absoluteFilePath());
    }
    window.show();
    if (headless) return exportAndQuit(window, parser.value(exportViews));
    return QApplication::exec();
}
