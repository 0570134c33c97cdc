#include "ui/main/MainWindow.h"

#include "ui/curves/CurvesView.h"
#include "ui/dataset/DatasetView.h"
#include "ui/dataset/SubsetControl.h"
#include "core/experiment/ExperimentFile.h"
#include "ui/experiment/ComplexityMeter.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/experiment/ExperimentEditor.h"
#include "ui/jobs/JobBridge.h"
#include "ui/jobs/JobPanel.h"
#include "ui/jobs/JobStatusWidget.h"
#include "ui/main/Resources.h"
#include "ui/main/Theme.h"
#include "ui/main/ViewStateCommand.h"
#include "ui/plots/PlotWidget.h"
#include "ui/runs/RunLauncher.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>
#include <qcustomplot.h>

namespace sb::ui {

namespace {
constexpr int kMaxRecent = 8;
// Default height of the Jobs dock, in text lines (two job rows of two lines each).
constexpr int kJobsDockLines = 5;
// Long enough for a few redraw ticks (CurvesView redraws at 15 Hz).
constexpr int kSettleMs = 250;
// Generating the demo dataset on first use takes a while; give up after this.
constexpr int kExportJobWaitMs = 10 * 60 * 1000;
// Teaching: fonts large enough to read from the back of a classroom.
constexpr double kTeachingFontScale = 1.5;
// Default width of the Complexity dock beside the views, as a share of the window: room
// for its figures while the Dataset heatmap keeps legible cells.
constexpr double kMeterDockShare = 0.28;

bool headless() { return QApplication::platformName() == QLatin1String("offscreen"); }

QIcon icon(const QString& name) { return QIcon(QStringLiteral(":/icons/%1.svg").arg(name)); }
}  // namespace

const QString& MainWindow::researchLayout()
{
    static const QString name = QStringLiteral("Research");
    return name;
}

const QString& MainWindow::teachingLayout()
{
    static const QString name = QStringLiteral("Teaching");
    return name;
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), theme_(new Theme(this)), jobs_(new JobBridge(this)), undo_(new QUndoStack(this)),
      baseFont_(QApplication::font())
{
    initResources();
    setObjectName(QStringLiteral("main-window"));
    setWindowIcon(icon(QStringLiteral("app")));
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    QSettings settings;
    theme_->setMode(Theme::modeFromName(settings.value(QStringLiteral("theme")).toString()));

    runs_ = new RunLauncher(jobs_, this);
    createActions();
    createDocks();
    createMenus();

    statusMessage_ = new QLabel(this);
    statusBar()->addWidget(statusMessage_, 1);
    statusBar()->addPermanentWidget(new JobStatusWidget(jobs_, this));
    connect(jobs_, &JobBridge::runningCountChanged, this, &MainWindow::updateRunActions);
    connect(jobs_, &JobBridge::jobFinished, this, [this](quint64 id, JobBridge::Outcome outcome, const QString& message) {
        if (outcome == JobBridge::Outcome::Failed) statusBar()->showMessage(tr("Job failed: %1").arg(message), 8000);
        else if (outcome == JobBridge::Outcome::Cancelled) statusBar()->showMessage(tr("Job cancelled."), 4000);
        Q_UNUSED(id)
    });
    connect(undo_, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(runs_, &RunLauncher::finished, this,
            [this](const QString& directory, JobBridge::Outcome outcome, const QString& message, const QString& summary) {
                runFinished(directory, int(outcome), message, summary);
            });

    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("geometry"))) resize(1400, 900);
    setLayoutName(settings.value(QStringLiteral("layout"), researchLayout()).toString());
    updateRecentMenu();
    updateRunActions();
    updateTitle();
    statusMessage_->setText(tr("Ready. Open a project (Ctrl+O) or a run directory to begin."));
}

MainWindow::~MainWindow()
{
    // Views hold JobSlots: stop every job before the docks (children) go away.
    jobs_->cancelAll();
}

void MainWindow::createActions()
{
    openProjectAction_ = new QAction(icon(QStringLiteral("open")), tr("&Open Project…"), this);
    openProjectAction_->setShortcut(QKeySequence::Open);
    openProjectAction_->setStatusTip(tr("Open a project folder (experiment files and run directories)"));
    connect(openProjectAction_, &QAction::triggered, this, &MainWindow::chooseProject);

    openRunAction_ = new QAction(icon(QStringLiteral("curves")), tr("Open &Run…"), this);
    openRunAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(openRunAction_, &QAction::triggered, this, &MainWindow::chooseRun);

    saveAction_ = new QAction(icon(QStringLiteral("save")), tr("&Save"), this);
    saveAction_->setShortcut(QKeySequence::Save);
    connect(saveAction_, &QAction::triggered, this, &MainWindow::saveProject);

    saveAsAction_ = new QAction(tr("Save &Project As…"), this);
    saveAsAction_->setStatusTip(tr("Save the project (view states, the experiment's place) in another folder"));
    connect(saveAsAction_, &QAction::triggered, this, &MainWindow::chooseSaveAs);

    newExperimentAction_ = new QAction(tr("&New Experiment"), this);
    newExperimentAction_->setShortcut(QKeySequence::New);
    newExperimentAction_->setStatusTip(tr("Start a new experiment from the teaching demo's recipe"));
    connect(newExperimentAction_, &QAction::triggered, this, &MainWindow::newExperiment);

    openExperimentAction_ = new QAction(icon(QStringLiteral("open")), tr("Open &Experiment…"), this);
    openExperimentAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    openExperimentAction_->setStatusTip(tr("Open an experiment file into the Experiment view"));
    connect(openExperimentAction_, &QAction::triggered, this, &MainWindow::chooseExperiment);

    saveExperimentAsAction_ = new QAction(icon(QStringLiteral("save-as")), tr("Save Experiment &As…"), this);
    saveExperimentAsAction_->setShortcut(QKeySequence::SaveAs);
    connect(saveExperimentAsAction_, &QAction::triggered, this, &MainWindow::chooseExperimentSaveAs);

    exportViewsAction_ = new QAction(icon(QStringLiteral("export")), tr("&Export Views…"), this);
    connect(exportViewsAction_, &QAction::triggered, this, &MainWindow::chooseExportDirectory);

    quitAction_ = new QAction(tr("&Quit"), this);
    quitAction_->setShortcut(QKeySequence::Quit);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    undoAction_ = undo_->createUndoAction(this, tr("&Undo"));
    undoAction_->setIcon(icon(QStringLiteral("undo")));
    undoAction_->setShortcut(QKeySequence::Undo);
    redoAction_ = undo_->createRedoAction(this, tr("&Redo"));
    redoAction_->setIcon(icon(QStringLiteral("redo")));
    redoAction_->setShortcut(QKeySequence::Redo);

    runAction_ = new QAction(icon(QStringLiteral("run")), tr("&Run Experiment"), this);
    runAction_->setShortcut(QKeySequence(Qt::Key_F5));
    runAction_->setStatusTip(tr("Run the experiment into a new run of the project and follow its curves (F5)"));
    connect(runAction_, &QAction::triggered, this, [this] { runExperiment(); });
    resumeAction_ = new QAction(icon(QStringLiteral("play")), tr("Resu&me Run"), this);
    resumeAction_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    resumeAction_->setStatusTip(tr("Continue the stopped run shown in Curves where it stopped (Shift+F5)"));
    connect(resumeAction_, &QAction::triggered, this, [this] { resumeRun(); });
    stopAction_ = new QAction(icon(QStringLiteral("stop")), tr("&Stop"), this);
    stopAction_->setShortcut(QKeySequence(Qt::Key_Escape));
    stopAction_->setStatusTip(tr("Cancel every running job (Esc); finished parts stay usable"));
    connect(stopAction_, &QAction::triggered, jobs_, &JobBridge::cancelAll);
}

void MainWindow::createDocks()
{
    // The views share the main area as tabs, each at full width; the jobs sit below.
    dataset_ = new DatasetView(jobs_, theme_, this);
    QDockWidget* datasetDock =
        addView(QStringLiteral("dataset"), tr("Dataset"), QStringLiteral("dataset"), dataset_, Qt::LeftDockWidgetArea);
    registerState(
        QStringLiteral("dataset"),
        [this] {
            QJsonObject state = dataset_->state();
            if (state.contains(QLatin1String("path")))
                state.insert(QLatin1String("path"), project_.relativePath(state.value(QLatin1String("path")).toString()));
            return state;
        },
        [this](const QJsonObject& state) { dataset_->applyState(state, project_.folder()); });
    connect(dataset_, &DatasetView::stateEdited, this, &MainWindow::datasetEdited);

    createExperimentDock(datasetDock);

    curves_ = new CurvesView(theme_, this);
    QDockWidget* curvesDock =
        addView(QStringLiteral("curves"), tr("Curves"), QStringLiteral("curves"), curves_, Qt::LeftDockWidgetArea);
    tabifyDockWidget(datasetDock, curvesDock);
    connect(curves_, &CurvesView::openRunRequested, this, &MainWindow::chooseRun);
    for (PlotWidget* plot : curves_->plots()) {
        connect(plot, &PlotWidget::exported, this,
                [this](const QString& path) { statusBar()->showMessage(tr("Exported %1").arg(path), 5000); });
        connect(plot, &PlotWidget::exportFailed, this,
                [this](const QString& message) { showError(tr("Export failed"), message); });
    }
    registerState(
        QStringLiteral("curves"),
        [this] {
            QJsonObject state;
            state.insert(QLatin1String("run"), project_.relativePath(curves_->runDirectory()));
            state.insert(QLatin1String("smoothing"), curves_->smoothing());
            return state;
        },
        [this](const QJsonObject& state) {
            const QString run = project_.absolutePath(state.value(QLatin1String("run")).toString());
            if (run != curves_->runDirectory()) curves_->setRunDirectory(run);
            curves_->setSmoothing(state.value(QLatin1String("smoothing")).toDouble(0.6));
        });
    connect(curves_, &CurvesView::runDirectoryChanged, this, [this] {
        stateEdited(QStringLiteral("curves"));
        updateRunActions();
    });
    connect(curves_, &CurvesView::smoothingChanged, this, [this] { stateEdited(QStringLiteral("curves")); });

    // The meter sits beside the tabs, so it stays in sight while the student is edited.
    // It shows the experiment's student; its own boxes edit the experiment.
    meter_ = new ComplexityMeter(jobs_, this);
    addView(QStringLiteral("complexity"), tr("Complexity"), QStringLiteral("meter"), meter_, Qt::RightDockWidgetArea);
    datasetDock->raise();
    connect(meter_, &ComplexityMeter::valuesEdited, this, [this] {
        sb::ExperimentConfig after = experiment_->config();
        after.student.width = meter_->width();
        after.student.depth = meter_->depth();
        after.student.mels = meter_->mels();
        experiment_->edit(after, QStringLiteral("student.size"), tr("student size"));
    });
    experimentChanged();

    jobPanel_ = new JobPanel(jobs_, this);
    addView(QStringLiteral("jobs"), tr("Jobs"), QStringLiteral("jobs"), jobPanel_, Qt::BottomDockWidgetArea);
}

void MainWindow::createExperimentDock(QDockWidget* tabWith)
{
    experiment_ = new ExperimentDocument(undo_, this);
    editor_ = new ExperimentEditor(experiment_, this);
    QDockWidget* dock =
        addView(QStringLiteral("experiment"), tr("Experiment"), QStringLiteral("project"), editor_, Qt::LeftDockWidgetArea);
    tabifyDockWidget(tabWith, dock);
    registerState(
        QStringLiteral("experiment"),
        [this] { return QJsonObject{{QStringLiteral("path"), project_.relativePath(experiment_->path())}}; },
        // Which experiment a project holds changes only by opening or saving a file.
        [](const QJsonObject&) {});
    connect(experiment_, &ExperimentDocument::changed, this, &MainWindow::experimentChanged);
    connect(experiment_, &ExperimentDocument::pathChanged, this, &MainWindow::updateTitle);
}

QDockWidget* MainWindow::addView(const QString& key, const QString& title, const QString& iconName, QWidget* view,
                                 Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(QStringLiteral("dock-") + key);  // saveState() needs a stable name
    dock->setWidget(view);
    dock->setWindowIcon(icon(iconName));
    addDockWidget(area, dock);
    docks_.append(dock);
    return dock;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(openProjectAction_);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(newExperimentAction_);
    file->addAction(openExperimentAction_);
    file->addAction(saveExperimentAsAction_);
    file->addSeparator();
    file->addAction(openRunAction_);
    runsMenu_ = file->addMenu(tr("Project R&uns"));
    connect(runsMenu_, &QMenu::aboutToShow, this, [this] {
        runsMenu_->clear();
        const QStringList runs = project_.runDirectories();
        for (const QString& run : runs)
            runsMenu_->addAction(QFileInfo(run).fileName(), this, [this, run] { openRun(run); });
        if (runs.isEmpty()) runsMenu_->addAction(tr("(no runs in this project)"))->setEnabled(false);
    });
    file->addSeparator();
    file->addAction(saveAction_);
    file->addAction(saveAsAction_);
    file->addSeparator();
    file->addAction(exportViewsAction_);
    file->addSeparator();
    file->addAction(quitAction_);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(undoAction_);
    edit->addAction(redoAction_);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(runAction_);
    run->addAction(resumeAction_);
    run->addAction(stopAction_);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QMenu* layouts = viewMenu_->addMenu(tr("&Layout"));
    layoutGroup_ = new QActionGroup(this);
    for (const QString& name : {researchLayout(), teachingLayout()}) {
        QAction* action = layouts->addAction(name, this, [this, name] { setLayoutName(name); });
        action->setCheckable(true);
        action->setData(name);
        layoutGroup_->addAction(action);
    }
    QMenu* themes = viewMenu_->addMenu(icon(QStringLiteral("theme")), tr("&Theme"));
    themeGroup_ = new QActionGroup(this);
    for (Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        QAction* action = themes->addAction(mode == Theme::Mode::Light ? tr("Light") : tr("Dark"), this, [this, mode] {
            theme_->setMode(mode);
            QSettings().setValue(QStringLiteral("theme"), Theme::modeName(mode));
        });
        action->setCheckable(true);
        action->setChecked(theme_->mode() == mode);
        themeGroup_->addAction(action);
    }
    viewMenu_->addSeparator();
    for (QDockWidget* dock : std::as_const(docks_)) viewMenu_->addAction(dock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About SceneBench"), this, [this] {
        QMessageBox::about(this, tr("About SceneBench"),
                           tr("<b>SceneBench</b> %1<br>A workbench for data-efficient acoustic scene "
                              "classification (DCASE 2024 Task 1).")
                               .arg(QApplication::applicationVersion()));
    });

    toolBar_ = addToolBar(tr("Main"));
    toolBar_->setObjectName(QStringLiteral("toolbar-main"));
    toolBar_->addAction(openProjectAction_);
    toolBar_->addAction(saveAction_);
    toolBar_->addSeparator();
    toolBar_->addAction(undoAction_);
    toolBar_->addAction(redoAction_);
    toolBar_->addSeparator();
    toolBar_->addAction(runAction_);
    toolBar_->addAction(resumeAction_);
    toolBar_->addAction(stopAction_);
}

void MainWindow::registerState(const QString& key, std::function<QJsonObject()> state,
                               std::function<void(const QJsonObject&)> apply)
{
    ViewState entry{key, std::move(state), std::move(apply), {}};
    entry.last = entry.state();
    states_.append(entry);
}

void MainWindow::stateEdited(const QString& key)
{
    if (applyingState_) return;
    for (ViewState& entry : states_) {
        if (entry.key != key) continue;
        const QJsonObject after = entry.state();
        if (after == entry.last) return;
        const QJsonObject before = entry.last;
        entry.last = after;
        auto apply = [this, key](const QJsonObject& state) {
            applyingState_ = true;
            for (ViewState& e : states_)
                if (e.key == key) {
                    e.apply(state);
                    e.last = e.state();
                }
            applyingState_ = false;
        };
        undo_->push(new ViewStateCommand(key, before, after, apply));
        return;
    }
}

void MainWindow::applyProjectToViews()
{
    applyingState_ = true;
    for (ViewState& entry : states_) {
        entry.apply(project_.viewState(entry.key));
        entry.last = entry.state();
    }
    applyingState_ = false;
}

void MainWindow::collectViewStates()
{
    for (const ViewState& entry : std::as_const(states_)) project_.setViewState(entry.key, entry.state());
}

QString MainWindow::openProject(const QString& folder, bool quiet)
{
    if (!QFileInfo(folder).isDir()) {
        const QString error = tr("%1: not a folder").arg(folder);
        if (!quiet) showError(tr("Cannot open the project"), error);
        return error;
    }
    Project project(QFileInfo(folder).absoluteFilePath());
    const QString error = project.load();
    if (!error.isEmpty()) {
        if (!quiet) showError(tr("Cannot open the project"), error + tr("\n\nFix or remove the file and try again."));
        return error;
    }
    project_ = project;
    applyProjectToViews();
    // The project's experiment (a new project starts from the demo's recipe).
    const QString experimentFile = project_.absolutePath(project_.viewState(QStringLiteral("experiment")).value(QLatin1String("path")).toString());
    if (experimentFile.isEmpty()) experiment_->reset();
    else openExperimentFile(experimentFile, quiet);
    // With no run chosen yet, show the project's newest one.
    const QStringList runs = project_.runDirectories();
    if (curves_->runDirectory().isEmpty() && !runs.isEmpty()) {
        applyingState_ = true;
        curves_->setRunDirectory(runs.first());
        applyingState_ = false;
        for (ViewState& e : states_) e.last = e.state();
    }
    undo_->clear();
    undo_->setClean();
    addRecent(project_.folder());
    updateTitle();
    statusMessage_->setText(tr("Project %1: %n run(s).", nullptr, int(runs.size())).arg(project_.displayName()));
    return {};
}

bool MainWindow::saveProject()
{
    if (!project_.isOpen()) {
        chooseSaveAs();
        return project_.isOpen() && undo_->isClean();
    }
    if (!saveExperimentIfModified()) return false;
    collectViewStates();
    const QString error = project_.save();
    if (!error.isEmpty()) {
        showError(tr("Cannot save the project"), error + tr("\n\nChoose another folder with Save As."));
        return false;
    }
    undo_->setClean();
    statusBar()->showMessage(tr("Saved %1").arg(project_.filePath()), 4000);
    return true;
}

bool MainWindow::saveProjectAs(const QString& folder)
{
    // Keep the views' paths pointing at the same files from the new folder.
    collectViewStates();
    Project moved(QFileInfo(folder).absoluteFilePath());
    if (experiment_->isModified() || experiment_->path().isEmpty()) {
        // An experiment not saved yet goes into the new project folder.
        const QString error = experiment_->saveAs(experiment_->path().isEmpty() ? defaultExperimentFile(moved.folder())
                                                                                 : experiment_->path());
        if (!error.isEmpty()) {
            showError(tr("Cannot save the experiment"), error);
            return false;
        }
    }
    for (const ViewState& entry : std::as_const(states_)) {
        QJsonObject state = entry.state();
        if (entry.key == QLatin1String("curves"))
            state.insert(QLatin1String("run"), moved.relativePath(curves_->runDirectory()));
        if (entry.key == QLatin1String("experiment"))
            state.insert(QLatin1String("path"), moved.relativePath(experiment_->path()));
        moved.setViewState(entry.key, state);
    }
    const QString error = moved.save();
    if (!error.isEmpty()) {
        showError(tr("Cannot save the project"), error);
        return false;
    }
    project_ = moved;
    undo_->setClean();
    addRecent(project_.folder());
    updateTitle();
    return true;
}

void MainWindow::openRun(const QString& directory)
{
    if (!QFileInfo::exists(QDir(directory).filePath(QStringLiteral("metrics.jsonl"))))
        statusBar()->showMessage(tr("%1 has no metrics.jsonl yet; waiting for it.").arg(directory), 6000);
    curves_->setRunDirectory(directory);
    raiseView(curves_);
}

QString MainWindow::openExperimentFile(const QString& file, bool quiet)
{
    const std::vector<sb::FieldIssue> issues = experiment_->open(file);
    if (issues.empty()) {
        updateTitle();
        return {};
    }
    QStringList lines;
    for (const sb::FieldIssue& issue : issues)
        lines << QString::fromStdString(issue.field) + QStringLiteral(": ") + QString::fromStdString(issue.message);
    const QString text = tr("%1: not opened, nothing of it was loaded:\n%2").arg(QDir::toNativeSeparators(file), lines.join(QLatin1Char('\n')));
    editor_->showOpenProblems(file, issues);
    raiseView(editor_);
    if (!quiet) showError(tr("Cannot open the experiment"), text);
    return text;
}

QString MainWindow::openExperiment(const QString& file, bool quiet)
{
    const QString error = openExperimentFile(file, quiet);
    if (!error.isEmpty()) return error;
    // Another experiment is a change of the project (which file it holds) until saved.
    undo_->clear();
    undo_->resetClean();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(file)), 4000);
    return {};
}

QString MainWindow::saveExperimentAs(const QString& file)
{
    const QString error = experiment_->saveAs(file);
    if (!error.isEmpty()) {
        showError(tr("Cannot save the experiment"), error);
        return error;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(file)), 4000);
    // The project now holds this file: save it too, so the two agree on disk.
    if (project_.isOpen()) {
        collectViewStates();
        const QString projectError = project_.save();
        if (!projectError.isEmpty()) {
            showError(tr("Cannot save the project"), projectError);
            return projectError;
        }
        undo_->setClean();
    }
    updateTitle();
    return {};
}

QString MainWindow::defaultExperimentFile(const QString& folder) const
{
    const QString name = QString::fromStdString(experiment_->config().name);
    QString file = QDir(folder).filePath((name.isEmpty() ? QStringLiteral("experiment") : name) + QStringLiteral(".json"));
    for (int n = 2; QFileInfo::exists(file); ++n)
        file = QDir(folder).filePath(QStringLiteral("%1-%2.json").arg(name.isEmpty() ? QStringLiteral("experiment") : name).arg(n));
    return file;
}

bool MainWindow::saveExperimentIfModified()
{
    if (!experiment_->isModified()) return true;
    QString file = experiment_->path();
    if (file.isEmpty()) {
        // First save of a new experiment: into the project, under its name.
        file = defaultExperimentFile(project_.folder());
        if (!headless())
            file = QFileDialog::getSaveFileName(this, tr("Save Experiment"), file, tr("Experiment files (*.json)"));
        if (file.isEmpty()) return false;
    }
    const QString error = experiment_->saveAs(file);
    if (!error.isEmpty()) showError(tr("Cannot save the experiment"), error);
    return error.isEmpty();
}

void MainWindow::newExperiment()
{
    if (!maybeSave()) return;
    experiment_->reset();
    undo_->clear();
    undo_->resetClean();
    raiseView(editor_);
}

void MainWindow::chooseExperiment()
{
    if (!maybeSave()) return;
    const QString start = experiment_->folder(project_.isOpen() ? project_.folder() : QDir::homePath());
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Experiment"), start, tr("Experiment files (*.json);;All files (*)"));
    if (!file.isEmpty()) openExperiment(file);
}

void MainWindow::chooseExperimentSaveAs()
{
    const QString start = experiment_->path().isEmpty()
                              ? defaultExperimentFile(project_.isOpen() ? project_.folder() : QDir::homePath())
                              : experiment_->path();
    const QString file = QFileDialog::getSaveFileName(this, tr("Save Experiment As"), start, tr("Experiment files (*.json)"));
    if (!file.isEmpty()) saveExperimentAs(file);
}

QString MainWindow::runExperiment(QString* error)
{
    QString why;
    QString directory;
    if (!experiment_->isValid()) {
        why = tr("The experiment has %n problem(s); fix them in the Experiment view first.", nullptr,
                 int(experiment_->issues().size()));
        raiseView(editor_);
    } else {
        if (!project_.isOpen() && !headless()) chooseSaveAs();  // runs live in a project folder
        if (!project_.isOpen()) why = tr("Runs are kept in a project: open or save a project first.");
    }
    if (why.isEmpty()) {
        directory = runs_->start(experiment_->config(), QDir(project_.folder()).filePath(QStringLiteral("runs")),
                                 experiment_->folder(project_.folder()), &why);
    }
    if (!why.isEmpty()) {
        statusBar()->showMessage(tr("Cannot run: %1").arg(why), 8000);
        if (error) *error = why;
        return {};
    }
    openRun(directory);
    statusMessage_->setText(tr("Running %1 into %2 (Esc stops it)").arg(QString::fromStdString(experiment_->config().name),
                                                                         QDir::toNativeSeparators(directory)));
    updateRunActions();
    return directory;
}

bool MainWindow::resumeRun(QString* error)
{
    const QString directory = curves_->runDirectory();
    QString why;
    if (!RunLauncher::canResume(directory)) why = tr("%1 is not a stopped run.").arg(QDir::toNativeSeparators(directory));
    else runs_->resume(directory, &why);
    if (!why.isEmpty()) {
        statusBar()->showMessage(tr("Cannot resume: %1").arg(why), 8000);
        if (error) *error = why;
        return false;
    }
    statusMessage_->setText(tr("Resuming %1 (Esc stops it)").arg(QDir::toNativeSeparators(directory)));
    updateRunActions();
    return true;
}

void MainWindow::runFinished(const QString& directory, int outcome, const QString& message, const QString& summary)
{
    const QString name = QDir::toNativeSeparators(directory);
    switch (JobBridge::Outcome(outcome)) {
    case JobBridge::Outcome::Succeeded:
        statusMessage_->setText(tr("Run finished: %1").arg(name));
        statusMessage_->setToolTip(summary);
        break;
    case JobBridge::Outcome::Cancelled:
        statusMessage_->setText(tr("Run stopped: %1. Its finished parts are kept; Shift+F5 resumes it.").arg(name));
        break;
    case JobBridge::Outcome::Failed:
        statusMessage_->setText(tr("Run failed: %1").arg(name));
        showError(tr("The run failed"), message);
        break;
    }
    updateRunActions();
}

void MainWindow::raiseView(QWidget* view)
{
    for (QDockWidget* dock : std::as_const(docks_))
        if (dock->widget() == view) dock->raise();
}

void MainWindow::datasetEdited()
{
    // Choosing a dataset or subset in the Dataset view chooses what the experiment
    // trains on, in the same undo step.
    const QJsonObject state = dataset_->state();
    const QString source = state.value(QLatin1String("source")).toString();
    const sb::SubsetChoice choice = dataset_->subsetControl()->choice();
    sb::ExperimentConfig after = experiment_->config();
    const bool runnable = !source.isEmpty() && (choice.kind == sb::SubsetChoice::Kind::Official ||
                                                choice.kind == sb::SubsetChoice::Kind::Custom);
    if (runnable) {
        after.dataset.path = source == QLatin1String("demo") ? "demo" : state.value(QLatin1String("path")).toString().toStdString();
        if (choice.kind == sb::SubsetChoice::Kind::Official) {
            after.dataset.percent = 0;
            after.dataset.split = choice.officialPercent;
        } else {
            after.dataset.percent = choice.customPercent;
            after.dataset.subsetSeed = int(choice.seed);
        }
    }
    const bool both = runnable && !ExperimentDocument::sameExperiment(after, experiment_->config());
    if (both) undo_->beginMacro(tr("Choose dataset"));
    stateEdited(QStringLiteral("dataset"));
    if (both) {
        experiment_->edit(after, QStringLiteral("dataset"), tr("dataset"));
        undo_->endMacro();
    }
}

void MainWindow::experimentChanged()
{
    const sb::ExperimentConfig& config = experiment_->config();
    meter_->setValues(config.student.width, config.student.depth, config.student.mels);
    // The Dataset view, once it shows a dataset, shows the experiment's subset of it.
    QJsonObject state = dataset_->state();
    if (!state.value(QLatin1String("source")).toString().isEmpty() && !applyingState_) {
        const bool demo = config.dataset.path == "demo";
        state.insert(QLatin1String("source"), demo ? QStringLiteral("demo") : QStringLiteral("folder"));
        if (demo) state.remove(QLatin1String("path"));
        else
            state.insert(QLatin1String("path"), QDir(experiment_->folder(project_.folder()))
                                                     .absoluteFilePath(QString::fromStdString(config.dataset.path)));
        QJsonObject subset = state.value(QLatin1String("subset")).toObject();
        subset.insert(QLatin1String("kind"), config.dataset.percent > 0 ? QStringLiteral("custom") : QStringLiteral("official"));
        if (config.dataset.percent > 0) {
            subset.insert(QLatin1String("custom"), config.dataset.percent);
            subset.insert(QLatin1String("seed"), config.dataset.subsetSeed);
        } else {
            subset.insert(QLatin1String("official"), config.dataset.split);
        }
        state.insert(QLatin1String("subset"), subset);
        if (state != dataset_->state() && !config.dataset.path.empty()) {
            applyingState_ = true;
            dataset_->applyState(state, project_.folder());
            for (ViewState& entry : states_)
                if (entry.key == QLatin1String("dataset")) entry.last = entry.state();
            applyingState_ = false;
        }
    }
    updateRunActions();
    updateTitle();
}

void MainWindow::chooseProject()
{
    if (!maybeSave()) return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Project Folder"), project_.folder());
    if (!folder.isEmpty()) openProject(folder);
}

void MainWindow::chooseRun()
{
    const QString start = project_.isOpen() ? project_.folder() : QDir::homePath();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Run Directory"), start);
    if (!folder.isEmpty()) openRun(folder);
}

void MainWindow::chooseSaveAs()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Save Project in Folder"), project_.folder());
    if (!folder.isEmpty()) saveProjectAs(folder);
}

void MainWindow::chooseExportDirectory()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Views to Folder"), project_.folder());
    if (folder.isEmpty()) return;
    QStringList errors;
    const QStringList written = exportViews(folder, &errors);
    if (!errors.isEmpty()) showError(tr("Some views were not exported"), errors.join(QLatin1Char('\n')));
    statusBar()->showMessage(tr("Exported %n view(s) to %1", nullptr, int(written.size())).arg(folder), 5000);
}

QStringList MainWindow::exportViews(const QString& directory, QStringList* errors)
{
    QStringList written;
    if (!QDir().mkpath(directory)) {
        errors->append(tr("%1: cannot create the folder").arg(directory));
        return written;
    }
    const QDir dir(directory);
    // Views fill in from jobs (a dataset loading, a clip, a measurement): let them finish.
    QElapsedTimer waited;
    waited.start();
    while (jobs_->runningCount() > 0 && waited.elapsed() < kExportJobWaitMs) settle();
    auto save = [&](const QPixmap& pixmap, const QString& name) {
        const QString path = dir.filePath(name + QStringLiteral(".png"));
        if (pixmap.save(path)) written << path;
        else errors->append(tr("%1: could not write the image").arg(path));
    };
    settle();
    save(grab(), QStringLiteral("window"));
    rememberLayout();
    for (QDockWidget* dock : std::as_const(docks_)) {
        // Each view alone, floated at a size that reads well in the user guide.
        dock->setFloating(true);
        dock->show();
        dock->resize(1200, 800);
        settle();
        for (PlotWidget* plot : dock->findChildren<PlotWidget*>()) {
            plot->resetZoom();
            plot->plot()->replot();
        }
        save(dock->widget()->grab(), dock->objectName().mid(int(qstrlen("dock-"))));
    }
    restoreLayout(layout_);
    return written;
}

void MainWindow::settle()
{
    // Lets the views' redraw timers and queued replots run before a grab.
    QEventLoop loop;
    QTimer::singleShot(kSettleMs, &loop, &QEventLoop::quit);
    loop.exec();
}

void MainWindow::setLayoutName(const QString& name)
{
    const QString chosen = name == teachingLayout() ? teachingLayout() : researchLayout();
    if (!layout_.isEmpty() && layout_ != chosen) rememberLayout();
    layout_ = chosen;
    QFont font = baseFont_;
    if (layout_ == teachingLayout()) font.setPointSizeF(baseFont_.pointSizeF() * kTeachingFontScale);
    QApplication::setFont(font);
    for (QAction* action : layoutGroup_->actions()) action->setChecked(action->data().toString() == layout_);
    restoreLayout(layout_);
    QSettings().setValue(QStringLiteral("layout"), layout_);
    // Teaching starts from something to show: the demo dataset, once it exists.
    if (layout_ == teachingLayout() && !dataset_->index() && !dataset_->isLoading() && DatasetView::demoAvailable())
        dataset_->openDemo();
}

void MainWindow::rememberLayout()
{
    QSettings().setValue(QStringLiteral("layouts/%1/state").arg(layout_), saveState());
}

void MainWindow::restoreLayout(const QString& name)
{
    applyLayoutDefaults(name);
    const QByteArray state = QSettings().value(QStringLiteral("layouts/%1/state").arg(name)).toByteArray();
    if (!state.isEmpty()) restoreState(state);
}

void MainWindow::applyLayoutDefaults(const QString& name)
{
    // Research: every view, toolbar and job panel. Teaching: the big views only.
    const bool teaching = name == teachingLayout();
    toolBar_->setVisible(!teaching);
    curves_->setCompact(teaching);
    QDockWidget* jobsDock = nullptr;
    for (QDockWidget* dock : std::as_const(docks_)) {
        dock->setFloating(false);
        const bool secondary = dock->widget() == jobPanel_;
        dock->setVisible(!(teaching && secondary));
        if (secondary) jobsDock = dock;
    }
    // No central widget: the tabbed views and the meter share the width, so both are sized.
    QDockWidget* views = nullptr;
    QDockWidget* meterDock = nullptr;
    for (QDockWidget* dock : std::as_const(docks_)) {
        if (dock->widget() == dataset_) views = dock;
        if (dock->widget() == meter_) meterDock = dock;
    }
    const int meterWidth = int(width() * kMeterDockShare);
    resizeDocks({views, meterDock}, {width() - meterWidth, meterWidth}, Qt::Horizontal);
    // With no central widget the bottom area takes whatever the side areas leave: ask for
    // the views' height explicitly, so the jobs keep kJobsDockLines.
    if (jobsDock && jobsDock->isVisible()) {
        const int jobsHeight = jobsDock->fontMetrics().height() * kJobsDockLines;
        resizeDocks({views, meterDock, jobsDock}, {height(), height(), jobsHeight}, Qt::Vertical);
    }
}

void MainWindow::updateTitle()
{
    // [*] is where Qt puts the modified marker (setWindowModified).
    const QString name = project_.isOpen() ? project_.displayName() : tr("Untitled");
    setWindowTitle(QStringLiteral("%1 · %2[*] — SceneBench").arg(name, experiment_->displayName()));
    setWindowFilePath(project_.isOpen() ? project_.filePath() : QString());
    setWindowModified(!undo_->isClean());
}

void MainWindow::updateRunActions()
{
    const bool running = runs_->isRunning();
    runAction_->setEnabled(experiment_->isValid() && !running);
    resumeAction_->setEnabled(!running && RunLauncher::canResume(curves_->runDirectory()));
    stopAction_->setEnabled(jobs_->runningCount() > 0);
}

void MainWindow::updateRecentMenu()
{
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    for (const QString& folder : recent)
        recentMenu_->addAction(QDir::toNativeSeparators(folder), this, [this, folder] {
            if (maybeSave()) openProject(folder);
        });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::addRecent(const QString& folder)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentProjects")).toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue(QStringLiteral("recentProjects"), recent);
    updateRecentMenu();
}

bool MainWindow::maybeSave()
{
    if (undo_->isClean()) return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
                                             tr("The project has unsaved changes. Save them?"),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Discard) return true;
    return saveProject();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    // Dock sizes only take once the window has its size: apply the defaults again the
    // first time it shows, unless the layout was saved before.
    if (shownOnce_) return;
    shownOnce_ = true;
    // resizeDocks only takes once the layout has its geometry: after this event.
    if (QSettings().value(QStringLiteral("layouts/%1/state").arg(layout_)).toByteArray().isEmpty())
        QTimer::singleShot(0, this, [this] { applyLayoutDefaults(layout_); });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    rememberLayout();
    jobs_->cancelAll();
    event->accept();
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 8000);
    if (QApplication::platformName() == QLatin1String("offscreen")) return;  // headless: no one to click OK
    QMessageBox::warning(this, title, message);
}

}  // namespace sb::ui
