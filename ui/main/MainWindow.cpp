#include "ui/main/MainWindow.h"

#include "ui/confusion/ConfusionView.h"
#include "ui/curves/CurvesView.h"
#include "ui/dataset/DatasetView.h"
#include "ui/dataset/SubsetControl.h"
#include "ui/experiment/ComplexityMeter.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/experiment/ExperimentEditor.h"
#include "ui/inspector/ClipInspector.h"
#include "ui/jobs/JobBridge.h"
#include "ui/jobs/JobPanel.h"
#include "ui/jobs/JobStatusWidget.h"
#include "ui/main/DatasetExperimentLink.h"
#include "ui/main/DockLayouts.h"
#include "ui/main/ExperimentFiles.h"
#include "ui/main/RecentProjects.h"
#include "ui/main/Resources.h"
#include "ui/main/RunControl.h"
#include "ui/main/SessionRecovery.h"
#include "ui/main/Theme.h"
#include "ui/main/ViewExporter.h"
#include "ui/main/ViewStates.h"
#include "ui/map/EmbeddingMapView.h"
#include "ui/plots/PlotWidget.h"
#include "ui/runs/RunLauncher.h"
#include "ui/runs/RunsView.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

namespace sb::ui {

namespace {
bool headless() { return QApplication::platformName() == QLatin1String("offscreen"); }

QIcon icon(const QString& name) { return QIcon(QStringLiteral(":/icons/%1.svg").arg(name)); }
}  // namespace

const QString& MainWindow::researchLayout() { return DockLayouts::research(); }

const QString& MainWindow::teachingLayout() { return DockLayouts::teaching(); }

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), theme_(new Theme(this)), jobs_(new JobBridge(this)), undo_(new QUndoStack(this)),
      context_(new WorkbenchContext(jobs_, theme_, this)), states_(new ViewStates(undo_, this)),
      layouts_(std::make_unique<DockLayouts>(this))
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
    createViews();
    createRunControl();
    createRecovery();
    createMenus();

    statusMessage_ = new QLabel(this);
    statusBar()->addWidget(statusMessage_, 1);
    statusBar()->addPermanentWidget(new JobStatusWidget(jobs_, this));
    connect(context_, &WorkbenchContext::message, this, &MainWindow::showStatus);
    // Failures only: views cancel their own stale jobs all the time (a new clip, a new
    // run), and a stopped run says so itself (RunControl); the Jobs panel shows every outcome.
    connect(jobs_, &JobBridge::jobFinished, this, [this](quint64, JobBridge::Outcome outcome, const QString& message) {
        if (outcome == JobBridge::Outcome::Failed) statusBar()->showMessage(tr("Job failed: %1").arg(message), 8000);
    });
    connect(undo_, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);

    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("geometry"))) resize(1400, 900);
    setLayoutName(settings.value(QStringLiteral("layout"), researchLayout()).toString());
    runControl_->updateActions();
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
}

void MainWindow::createViews()
{
    // The main area: the views as tabs at full width. Beside it: the complexity meter and
    // the clip inspector. Below: the jobs.
    dataset_ = new DatasetView(context_, this);
    QDockWidget* main = layouts_->add(dataset_->key(), dataset_->title(), QStringLiteral("dataset"), dataset_,
                                      Qt::LeftDockWidgetArea);
    views_ << dataset_;
    states_->add(
        dataset_->key(),
        [this] {
            QJsonObject state = dataset_->state();
            if (state.contains(QLatin1String("path")))
                state.insert(QLatin1String("path"), project_.relativePath(state.value(QLatin1String("path")).toString()));
            return state;
        },
        [this](const QJsonObject& state) { dataset_->applyState(state, project_.folder()); });
    createExperimentViews();
    link_ = std::make_unique<DatasetExperimentLink>(dataset_, experiment_, states_, undo_, [this] { return project_.folder(); });
    connect(dataset_, &DatasetView::stateEdited, this, [this] { link_->datasetEdited(); });
    experimentChanged();

    curves_ = new CurvesView(context_, this);
    layouts_->add(curves_->key(), curves_->title(), QStringLiteral("curves"), curves_, Qt::LeftDockWidgetArea, main);
    views_ << curves_;
    connect(curves_, &CurvesView::openRunRequested, this, &MainWindow::chooseRun);
    registerRunState();

    confusion_ = new ConfusionView(context_, this);
    addWorkbenchView(confusion_, Qt::LeftDockWidgetArea);
    map_ = new EmbeddingMapView(context_, this);
    addWorkbenchView(map_, Qt::LeftDockWidgetArea);
    runsView_ = new RunsView(context_, this);
    addWorkbenchView(runsView_, Qt::LeftDockWidgetArea);

    QDockWidget* side = layouts_->dockOf(meter_);
    inspector_ = new ClipInspector(context_, this);
    addWorkbenchView(inspector_, Qt::RightDockWidgetArea);
    // A clip chosen anywhere (a confusion cell's list, a map point, the dataset) opens in the inspector.
    connect(context_, &WorkbenchContext::clipChanged, this, [this] { layouts_->raise(inspector_); });

    for (WorkbenchView* view : std::as_const(views_))
        for (PlotWidget* plot : view->plots()) {
            connect(plot, &PlotWidget::exported, this,
                    [this](const QString& path) { statusBar()->showMessage(tr("Exported %1").arg(path), 5000); });
            connect(plot, &PlotWidget::exportFailed, this,
                    [this](const QString& message) { showError(tr("Export failed"), message); });
        }

    jobPanel_ = new JobPanel(jobs_, this);
    QDockWidget* jobs = layouts_->add(QStringLiteral("jobs"), tr("Jobs"), QStringLiteral("jobs"), jobPanel_,
                                      Qt::BottomDockWidgetArea);
    layouts_->setRoles(main, side, jobs, nullptr);
    layouts_->setOnTeaching([this](bool teaching) { curves_->setCompact(teaching); });
    main->raise();
}

void MainWindow::createRunControl()
{
    RunControl::Hooks hooks;
    hooks.projectFolder = [this] { return project_.folder(); };
    hooks.askForProject = [this] { chooseSaveAs(); };
    hooks.openRun = [this](const QString& directory) { openRun(directory); };
    hooks.raiseEditor = [this] { raiseView(editor_); };
    hooks.setStatus = [this](const QString& text, const QString& tip) {
        statusMessage_->setText(text);
        statusMessage_->setToolTip(tip);
    };
    hooks.flash = [this](const QString& text) { statusBar()->showMessage(text, 8000); };
    hooks.showError = [this](const QString& title, const QString& message) { showError(title, message); };
    hooks.openSweep = [this](const QString& sweep) { if (runsView_->openSweep(sweep)) raiseView(runsView_); };
    runControl_ = new RunControl(runs_, jobs_, experiment_, context_, hooks, this);
    // A process that stops running a run changes no file the window watches: the Runs view's poll tells.
    connect(runsView_, &RunsView::runsLoaded, runControl_, &RunControl::updateActions);
    connect(runsView_, &RunsView::continueSweepRequested, runControl_, &RunControl::continueSweep);
}

void MainWindow::createRecovery()
{
    SessionRecovery::Hooks hooks;
    hooks.resumeRun = [this](const QString& directory) { return runControl_->resumeRun(directory, nullptr); };
    hooks.raiseEditor = [this] { raiseView(editor_); };
    hooks.showError = [this](const QString& title, const QString& message) { showError(title, message); };
    recovery_ = new SessionRecovery({experiment_, editor_, runs_, runsView_, context_, statusBar()}, hooks, this);
}

void MainWindow::addWorkbenchView(WorkbenchView* view, int area)
{
    // Main-area views join the tabs of the first one; side views the side column's.
    QDockWidget* tabWith = nullptr;
    if (area == Qt::LeftDockWidgetArea && !layouts_->docks().isEmpty()) tabWith = layouts_->docks().first();
    if (area == Qt::RightDockWidgetArea) tabWith = layouts_->dockOf(meter_);
    layouts_->add(view->key(), view->title(), view->iconName(), view, area, tabWith);
    views_ << view;
    states_->add(view->key(), [view] { return view->state(); }, [view](const QJsonObject& s) { view->applyState(s); });
    connect(view, &WorkbenchView::stateEdited, this, [this, view] { states_->edited(view->key()); });
}

void MainWindow::registerRunState()
{
    // The current run is the project's "curves" state (the file format since version 1).
    states_->add(
        QStringLiteral("curves"),
        [this] {
            QJsonObject state;
            state.insert(QLatin1String("run"), project_.relativePath(context_->runDirectory()));
            state.insert(QLatin1String("smoothing"), curves_->smoothing());
            return state;
        },
        [this](const QJsonObject& state) {
            context_->setRunDirectory(project_.absolutePath(state.value(QLatin1String("run")).toString()));
            curves_->setSmoothing(state.value(QLatin1String("smoothing")).toDouble(0.6));
        });
    connect(curves_, &CurvesView::runDirectoryChanged, this, [this](const QString& directory) {
        context_->setRunDirectory(directory);
        states_->edited(QStringLiteral("curves"));
    });
    connect(context_, &WorkbenchContext::runDirectoryChanged, this, [this] { states_->edited(QStringLiteral("curves")); });
    connect(curves_, &CurvesView::smoothingChanged, this, [this] { states_->edited(QStringLiteral("curves")); });
}

void MainWindow::createExperimentViews()
{
    experiment_ = new ExperimentDocument(undo_, this);
    editor_ = new ExperimentEditor(experiment_, this);
    layouts_->add(QStringLiteral("experiment"), tr("Experiment"), QStringLiteral("project"), editor_,
                  Qt::LeftDockWidgetArea, layouts_->docks().first());
    ExperimentFiles::Hooks hooks;
    hooks.projectFolder = [this] { return project_.folder(); };
    hooks.maybeSave = [this] { return maybeSave(); };
    hooks.saveProject = [this] {
        states_->collectInto(project_);
        const QString error = project_.save();
        if (error.isEmpty()) undo_->setClean();
        return error;
    };
    hooks.showError = [this](const QString& title, const QString& message) { showError(title, message); };
    hooks.showStatus = [this](const QString& text) { statusBar()->showMessage(text, 4000); };
    hooks.raiseEditor = [this] { raiseView(editor_); };
    files_ = new ExperimentFiles(experiment_, editor_, undo_, this, hooks);
    states_->add(
        QStringLiteral("experiment"),
        [this] { return QJsonObject{{QStringLiteral("path"), project_.relativePath(experiment_->path())}}; },
        // Which experiment a project holds changes only by opening or saving a file.
        [](const QJsonObject&) {});
    connect(experiment_, &ExperimentDocument::changed, this, &MainWindow::experimentChanged);
    connect(experiment_, &ExperimentDocument::pathChanged, this, &MainWindow::updateTitle);

    // The meter sits beside the tabs, so it stays in sight while the student is edited.
    // It shows the experiment's student; its own boxes edit the experiment.
    meter_ = new ComplexityMeter(jobs_, this);
    layouts_->add(QStringLiteral("complexity"), tr("Complexity"), QStringLiteral("meter"), meter_, Qt::RightDockWidgetArea);
    connect(meter_, &ComplexityMeter::valuesEdited, this, [this] {
        sb::ExperimentConfig after = experiment_->config();
        after.student.width = meter_->width();
        after.student.depth = meter_->depth();
        after.student.mels = meter_->mels();
        experiment_->edit(after, QStringLiteral("student.size"), tr("student size"));
    });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(openProjectAction_);
    recent_ = new RecentProjects(file->addMenu(tr("Open &Recent")), this);
    connect(recent_, &RecentProjects::chosen, this, [this](const QString& folder) {
        if (maybeSave()) openProject(folder);
    });
    file->addSeparator();
    file->addAction(files_->newAction());
    file->addAction(files_->openAction());
    file->addAction(files_->saveAsAction());
    file->addSeparator();
    file->addAction(openRunAction_);
    file->addAction(tr("Open S&weep…"), this, [this] { if (runsView_->chooseSweep()) raiseView(runsView_); });
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
    run->addAction(runControl_->runAction());
    run->addAction(runControl_->resumeAction());
    run->addAction(runControl_->stopAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* layouts = view->addMenu(tr("&Layout"));
    layoutGroup_ = new QActionGroup(this);
    for (const QString& name : {researchLayout(), teachingLayout()}) {
        QAction* action = layouts->addAction(name, this, [this, name] { setLayoutName(name); });
        action->setCheckable(true);
        action->setData(name);
        layoutGroup_->addAction(action);
    }
    QMenu* themes = view->addMenu(icon(QStringLiteral("theme")), tr("&Theme"));
    auto* themeGroup = new QActionGroup(this);
    for (Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        QAction* action = themes->addAction(mode == Theme::Mode::Light ? tr("Light") : tr("Dark"), this, [this, mode] {
            theme_->setMode(mode);
            QSettings().setValue(QStringLiteral("theme"), Theme::modeName(mode));
        });
        action->setCheckable(true);
        action->setChecked(theme_->mode() == mode);
        themeGroup->addAction(action);
    }
    view->addSeparator();
    for (QDockWidget* dock : layouts_->docks()) view->addAction(dock->toggleViewAction());

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
    toolBar_->addAction(runControl_->runAction());
    toolBar_->addAction(runControl_->resumeAction());
    toolBar_->addAction(runControl_->stopAction());
    layouts_->setRoles(layouts_->dockOf(dataset_), layouts_->dockOf(meter_), layouts_->dockOf(jobPanel_), toolBar_);
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
    context_->setProjectFolder(project_.folder());
    states_->applyFrom(project_);
    // The project's experiment (a new project starts from the demo's recipe).
    const QString experimentFile =
        project_.absolutePath(project_.viewState(QStringLiteral("experiment")).value(QLatin1String("path")).toString());
    if (experimentFile.isEmpty()) experiment_->reset();
    else files_->load(experimentFile, quiet);
    // With no run chosen yet, show the project's newest one.
    const QStringList runs = project_.runDirectories();
    if (context_->runDirectory().isEmpty() && !runs.isEmpty())
        states_->whileApplying([this, &runs] { context_->setRunDirectory(runs.first()); });
    undo_->clear();
    undo_->setClean();
    recent_->add(project_.folder());
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
    if (!files_->saveIfModified(headless())) return false;
    states_->collectInto(project_);
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
    Project moved(QFileInfo(folder).absoluteFilePath());
    if (experiment_->isModified() || experiment_->path().isEmpty()) {
        // An experiment not saved yet goes into the new project folder.
        const QString error =
            experiment_->saveAs(experiment_->path().isEmpty() ? files_->defaultFile(moved.folder()) : experiment_->path());
        if (!error.isEmpty()) {
            showError(tr("Cannot save the experiment"), error);
            return false;
        }
    }
    // Paths in the states are relative to the project folder: store them from the new one,
    // so they keep pointing at the same files.
    const Project old = project_;
    project_ = moved;
    states_->collectInto(project_);
    const QString error = project_.save();
    if (!error.isEmpty()) {
        project_ = old;
        showError(tr("Cannot save the project"), error);
        return false;
    }
    context_->setProjectFolder(project_.folder());
    undo_->setClean();
    recent_->add(project_.folder());
    updateTitle();
    return true;
}

void MainWindow::openRun(const QString& directory)
{
    if (!QFileInfo::exists(QDir(directory).filePath(QStringLiteral("metrics.jsonl"))))
        statusBar()->showMessage(tr("%1 has no metrics.jsonl yet; waiting for it.").arg(directory), 6000);
    context_->setRunDirectory(directory);
    raiseView(curves_);
}

QString MainWindow::openExperiment(const QString& file, bool quiet) { return files_->open(file, quiet); }

QString MainWindow::saveExperimentAs(const QString& file) { return files_->saveAs(file); }

QString MainWindow::runExperiment(QString* error) { return runControl_->runExperiment(headless(), error); }

bool MainWindow::resumeRun(QString* error) { return runControl_->resumeRun(context_->runDirectory(), error); }

QAction* MainWindow::runAction() const { return runControl_->runAction(); }
QAction* MainWindow::resumeAction() const { return runControl_->resumeAction(); }
QAction* MainWindow::stopAction() const { return runControl_->stopAction(); }

void MainWindow::raiseView(QWidget* view) { layouts_->raise(view); }

void MainWindow::experimentChanged()
{
    const sb::ExperimentConfig& config = experiment_->config();
    meter_->setValues(config.student.width, config.student.depth, config.student.mels);
    if (link_) link_->experimentChanged();
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
    statusBar()->showMessage(tr("Exported %n file(s) to %1", nullptr, int(written.size())).arg(folder), 5000);
}

QStringList MainWindow::exportViews(const QString& directory, QStringList* errors)
{
    return ViewExporter(this, layouts_.get(), jobs_).exportAll(directory, views_, errors);
}

void MainWindow::setLayoutName(const QString& name)
{
    layouts_->choose(name);
    for (QAction* action : layoutGroup_->actions()) action->setChecked(action->data().toString() == layouts_->name());
    // Teaching starts from something to show: the demo dataset, once it exists.
    if (layouts_->name() == teachingLayout() && !dataset_->index() && !dataset_->isLoading() && DatasetView::demoAvailable())
        dataset_->openDemo();
}

QString MainWindow::layoutName() const { return layouts_->name(); }

void MainWindow::updateTitle()
{
    // [*] is where Qt puts the modified marker (setWindowModified).
    const QString name = project_.isOpen() ? project_.displayName() : tr("Untitled");
    setWindowTitle(QStringLiteral("%1 · %2[*] — SceneBench").arg(name, experiment_->displayName()));
    setWindowFilePath(project_.isOpen() ? project_.filePath() : QString());
    setWindowModified(!undo_->isClean());
}

bool MainWindow::maybeSave()
{
    if (undo_->isClean()) return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"), tr("The project has unsaved changes. Save them?"),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Discard) return true;
    return saveProject();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    // Dock sizes only take once the window has its size (after this event): apply the
    // defaults again the first time it shows, unless the layout was saved before.
    if (shownOnce_) return;
    shownOnce_ = true;
    if (!layouts_->hasSavedState(layouts_->name()))
        QTimer::singleShot(0, this, [this] { layouts_->applyDefaults(layouts_->name()); });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    recovery_->windowClosed();
    QSettings().setValue(QStringLiteral("geometry"), saveGeometry());
    layouts_->remember();
    jobs_->cancelAll();
    event->accept();
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 8000);
    if (headless()) return;  // no one to click OK
    QMessageBox::warning(this, title, message);
}

void MainWindow::showStatus(const QString& text, bool error) { statusBar()->showMessage(text, error ? 8000 : 4000); }

}  // namespace sb::ui
