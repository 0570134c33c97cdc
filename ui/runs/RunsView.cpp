#include "ui/runs/RunsView.h"

#include "ui/plots/CsvFile.h"

#include "core/experiment/RunLock.h"

#include "ui/runs/LearningCurvePlot.h"
#include "ui/runs/RunComparisonPanel.h"
#include "ui/runs/RunLauncher.h"
#include "ui/runs/RunTableModel.h"
#include "ui/workbench/WorkbenchContext.h"

#include "core/sweep/SweepPlan.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QAction>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>
#include <set>

namespace sb::ui {

namespace {

// A directory change (a run folder appearing) comes in bursts: reload once after it settles.
constexpr int kDebounceMs = 300;
}  // namespace

struct RunsView::Loaded {
    std::vector<RunRow> rows;
    std::vector<sb::RunRecord> curve;  // the runs the learning curve shows
    QString signature;
    QString sweepSummary;  // a sweep's status line
    SweepFiles sweepFiles;
    bool slurmActive = false;
};

RunsView::RunsView(WorkbenchContext* context, QWidget* parent)
    : WorkbenchView(context, parent), loadSlot_(context->jobs(), this), sizes_(std::make_shared<StudentSizes>()),
      table_(new RunTableModel(this)),
      sorted_(new QSortFilterProxyModel(this)), view_(new QTableView(this)), status_(new QLabel(this)),
      refresh_(new QPushButton(tr("Refresh"), this)), openSweep_(new QPushButton(tr("Open sweep…"), this)),
      closeSweep_(new QPushButton(tr("Project runs"), this)), continueSweep_(new QPushButton(tr("Run here"), this)),
      open_(new QPushButton(tr("Open"), this)),
      compare_(new QPushButton(tr("Compare"), this)), model_(new QComboBox(this)), resume_(new QAction(tr("Resume"), this)),
      tabs_(new QTabWidget(this)),
      curve_(new LearningCurvePlot(context->theme(), this)),
      comparison_(new RunComparisonPanel(context->jobs(), context->theme(), this))
{
    setObjectName(key());
    refresh_->setObjectName(QStringLiteral("refresh"));
    openSweep_->setObjectName(QStringLiteral("open-sweep"));
    closeSweep_->setObjectName(QStringLiteral("close-sweep"));
    open_->setObjectName(QStringLiteral("open"));
    compare_->setObjectName(QStringLiteral("compare"));
    model_->setObjectName(QStringLiteral("model"));
    resume_->setObjectName(QStringLiteral("resume"));
    sorted_->setSourceModel(table_);
    sorted_->setSortRole(RunTableModel::SortRole);
    view_->setModel(sorted_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(RunTableModel::NameColumn, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setAlternatingRowColors(true);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // A long error would widen the status column past the numbers: it elides, the tooltip has it all.
    view_->horizontalHeader()->setSectionResizeMode(RunTableModel::StatusColumn, QHeaderView::Interactive);
    view_->horizontalHeader()->resizeSection(RunTableModel::StatusColumn, 16 * view_->fontMetrics().averageCharWidth());
    view_->verticalHeader()->setVisible(false);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    // No shortcut: F5 runs the experiment everywhere in the window.
    refresh_->setToolTip(tr("Read the project's runs again (the list also updates by itself)"));
    openSweep_->setToolTip(tr("Show a sweep's folder: every cell with its state, and its learning curve as cells finish"));
    closeSweep_->setToolTip(tr("Show the project's runs again"));
    closeSweep_->setVisible(false);
    continueSweep_->setObjectName(QStringLiteral("continue-sweep"));
    continueSweep_->setToolTip(tr("Run the sweep's unfinished cells on this machine: interrupted ones resume, failed "
                                  "ones are tried again, done ones are skipped (disabled when every cell is done)"));
    continueSweep_->setVisible(false);
    open_->setToolTip(tr("Make the selected run the current one: the other views show it (double-click does the same)"));
    compare_->setToolTip(tr("Compare the two selected runs (A = the upper row, B = the lower row)"));
    model_->setToolTip(tr("The model compared (models both runs have)"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(refresh_);
    buttons->addWidget(openSweep_);
    buttons->addWidget(closeSweep_);
    buttons->addWidget(continueSweep_);
    buttons->addWidget(open_);
    buttons->addWidget(compare_);
    buttons->addWidget(new QLabel(tr("model:"), this));
    buttons->addWidget(model_);
    buttons->addWidget(status_, 1);
    tabs_->addTab(curve_, tr("Learning curve"));
    tabs_->addTab(comparison_, tr("Comparison"));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(view_);
    splitter->addWidget(tabs_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(refresh_, &QPushButton::clicked, this, &RunsView::refresh);
    connect(openSweep_, &QPushButton::clicked, this, &RunsView::chooseSweep);
    connect(closeSweep_, &QPushButton::clicked, this, &RunsView::closeSweep);
    connect(continueSweep_, &QPushButton::clicked, this, [this] { emit continueSweepRequested(sweep_); });
    connect(open_, &QPushButton::clicked, this, [this] {
        const QStringList paths = selectedPaths();
        if (!paths.isEmpty()) openRun(paths.first());
    });
    connect(view_, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { openRun(index.data(RunTableModel::PathRole).toString()); });
    connect(view_, &QTableView::customContextMenuRequested, this, &RunsView::showContextMenu);
    connect(resume_, &QAction::triggered, this, [this] {
        const QStringList paths = selectedPaths();
        if (paths.size() == 1) emit resumeRequested(paths.first());
    });
    connect(compare_, &QPushButton::clicked, this, [this] {
        const QStringList paths = selectedPaths();
        if (paths.size() != 2) return;
        compare(paths[0], paths[1], model_->currentText());
        emit stateEdited();
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateModels();
        updateButtons();
    });
    connect(curve_, &LearningCurvePlot::metricChanged, this, [this] { emit stateEdited(); });
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, [this] { debounce_.start(); });
    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &RunsView::refresh);
    poll_.setInterval(kPollMs);
    connect(&poll_, &QTimer::timeout, this, &RunsView::poll);
    status_->setText(summaryText());
    updateButtons();
    // A view made after the project was opened is not told again: take it now.
    if (!context->projectFolder().isEmpty()) projectChanged(context->projectFolder());
}

void RunsView::projectChanged(const QString& folder)
{
    project_ = folder;
    // A comparison restored before the project arrived belongs to it; any other is stale.
    const QString a = comparison_->runA();
    if (!a.isEmpty() && (folder.isEmpty() || QDir(folder).relativeFilePath(a).startsWith(QLatin1String(".."))))
        comparison_->clear();
    if (!sweep_.isEmpty() && (folder.isEmpty() || QDir(folder).relativeFilePath(sweep_).startsWith(QLatin1String(".."))))
        setSweep({});
    watchProject();
    refresh();
    applyPendingCompare();
}

void RunsView::watchProject()
{
    if (!watcher_.directories().isEmpty()) watcher_.removePaths(watcher_.directories());
    // A sweep's folder gains its cells' folders as they start.
    if (!sweep_.isEmpty() && QFileInfo(sweep_).isDir()) watcher_.addPath(sweep_);
    if (project_.isEmpty() || !sweep_.isEmpty()) return;
    // The project folder too, so a runs/ folder made after opening is noticed.
    QStringList paths{project_};
    const QString runs = QDir(project_).filePath(QStringLiteral("runs"));
    if (QFileInfo(runs).isDir()) paths << runs;
    watcher_.addPaths(paths);
}

void RunsView::showEvent(QShowEvent* event)
{
    poll_.start();
    WorkbenchView::showEvent(event);
}

void RunsView::hideEvent(QHideEvent* event)
{
    poll_.stop();
    WorkbenchView::hideEvent(event);
}

QString RunsView::signature(const QString& project)
{
    QString s;
    if (project.isEmpty()) return s;
    for (const std::string& run : sb::RunRecord::find(project.toStdString())) {
        const QDir dir(QString::fromStdString(run));
        s += dir.path();
        for (const char* file : {"experiment.json", "summary.json", "metrics.jsonl"}) {
            const QFileInfo info(dir.filePath(QLatin1String(file)));
            s += QStringLiteral("|%1:%2").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
        }
        // A process that takes up a run or dies changes no file: its lock tells.
        if (sb::RunLock::isHeld(run)) s += QStringLiteral("|held");
        s += QLatin1Char('\n');
    }
    return s;
}

void RunsView::poll()
{
    // Finding the runs and stat-ing three files each takes milliseconds; reading them is the job.
    if (isLoading() || (project_.isEmpty() && sweep_.isEmpty())) return;
    const QString now = sweep_.isEmpty() ? signature(project_) : sweepSignature(sweepFiles_, slurmActive_);
    if (now != loadedSignature_) refresh();
}

void RunsView::refresh()
{
    if (!sweep_.isEmpty()) {
        refreshSweep();
        return;
    }
    if (project_.isEmpty()) {
        loadSlot_.cancel();
        table_->setRows({});
        curve_->setRuns({});
        status_->setText(summaryText());
        emit runsLoaded();
        return;
    }
    watchProject();  // runs/ may have been created since
    status_->setText(tr("Reading the runs of %1…").arg(QDir::toNativeSeparators(project_)));
    const QString project = project_;
    loadSlot_.run(
        tr("Read the runs of %1").arg(QFileInfo(project).fileName()),
        [project, sizes = sizes_](sb::JobObserver& observer, sb::CancellationToken& token) {
            Loaded loaded;
            // The signature first: a run changing while it is read is read again at the next poll.
            loaded.signature = signature(project);
            loaded.rows = loadRunRows(sb::RunRecord::find(project.toStdString()), *sizes, observer, token);
            for (const RunRow& row : loaded.rows)
                if (row.record) loaded.curve.push_back(*row.record);
            return loaded;
        },
        [this](const Loaded& loaded) { showRuns(loaded); });
}

void RunsView::refreshSweep()
{
    watchProject();
    const QString sweep = sweep_;
    const bool slurm = slurmActive_;
    status_->setText(summaryText());
    loadSlot_.run(
        tr("Read the sweep %1").arg(QFileInfo(sweep).fileName()),
        [sweep, slurm, sizes = sizes_](sb::JobObserver& observer, sb::CancellationToken& token) {
            Loaded loaded;
            // It may ask Slurm's squeue: never on the GUI thread.
            const SweepRows rows = loadSweepRows(sweep, slurm, *sizes, observer, token);
            loaded.signature = rows.signature;
            loaded.sweepFiles = rows.files;
            loaded.sweepSummary = rows.summary(sweep);
            loaded.slurmActive = rows.slurmActive;
            loaded.curve = rows.finishedRecords();
            loaded.rows = rows.rows;
            return loaded;
        },
        [this](const Loaded& loaded) { showRuns(loaded); });
}

void RunsView::showRuns(const Loaded& loaded)
{
    const QStringList selected = selectedPaths();
    loadedSignature_ = loaded.signature;
    sweepSummary_ = loaded.sweepSummary;
    sweepFiles_ = loaded.sweepFiles;
    slurmActive_ = loaded.slurmActive;
    table_->setRows(withActivity(loaded.rows));
    // "Run here" only has work when some cell is not done.
    continueSweep_->setEnabled(std::any_of(loaded.rows.begin(), loaded.rows.end(), [](const RunRow& r) {
        return r.cell && r.cell->state != sb::CellState::Done;
    }));
    const int unreadable = int(std::count_if(loaded.rows.begin(), loaded.rows.end(), [](const RunRow& r) { return r.unreadable(); }));
    curve_->setRuns(loaded.curve);
    reselect(selected);  // the model was reset
    if (unreadable > 0) context()->showMessage(tr("Runs: %n run folder(s) could not be read.", nullptr, unreadable), true);
    status_->setText(summaryText());
    updateModels();
    updateButtons();
    emit runsLoaded();
}

void RunsView::reselect(const QStringList& paths)
{
    for (const QString& path : paths) {
        const int row = table_->rowOf(path);
        if (row < 0) continue;
        const QModelIndex index = sorted_->mapFromSource(table_->index(row, 0));
        view_->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

QString RunsView::summaryText() const
{
    const std::vector<RunRow>& rows = table_->rows();
    if (!sweep_.isEmpty() && sweepSummary_.isEmpty()) return tr("Reading the sweep %1…").arg(QDir::toNativeSeparators(sweep_));
    if (!sweep_.isEmpty()) return sweepSummary_;
    if (project_.isEmpty()) return tr("No project open: its runs/ folder is listed here.");
    if (rows.empty())
        return tr("No runs in %1 yet: runs started with F5 are written to its runs/ folder.").arg(QDir::toNativeSeparators(project_));
    QString text = tr("%n run(s) in %1.", nullptr, int(rows.size())).arg(QDir::toNativeSeparators(project_));
    const int interrupted = int(std::count_if(rows.begin(), rows.end(), [](const RunRow& r) { return r.interrupted(); }));
    if (interrupted > 0)
        text += QLatin1Char(' ') + tr("%n interrupted (right-click ▸ Resume continues one).", nullptr, interrupted);
    const int unreadable = int(std::count_if(rows.begin(), rows.end(), [](const RunRow& r) { return r.unreadable(); }));
    if (unreadable > 0)
        text += QLatin1Char(' ') + tr("%n run folder(s) could not be read (see the status column).", nullptr, unreadable);
    return text;
}

QString RunsView::statusText() const { return status_->text(); }

QStringList RunsView::selectedPaths() const
{
    QModelIndexList rows = view_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList paths;
    for (const QModelIndex& index : rows) paths << index.data(RunTableModel::PathRole).toString();
    return paths;
}

void RunsView::updateButtons()
{
    const QStringList paths = selectedPaths();
    open_->setEnabled(paths.size() == 1);
    compare_->setEnabled(paths.size() == 2 && model_->count() > 0);
    const RunRow* row = paths.size() == 1 ? table_->rowAt(table_->rowOf(paths.first())) : nullptr;
    const bool busy = launcher_ && launcher_->isRunning();
    resume_->setEnabled(row && row->interrupted() && !busy);
    if (row && !row->sweep.isEmpty()) resume_->setText(tr("Resume (a sweep's cell: running its sweep again continues it)"));
    else if (row && row->held && !row->runningHere) resume_->setText(tr("Resume (another process runs it now)"));
    else if (row && row->interrupted() && busy) resume_->setText(tr("Resume (a run is going here; stop it first)"));
    else resume_->setText(tr("Resume"));
    resume_->setToolTip(row ? row->statusTip() : tr("Select one interrupted run"));
}

void RunsView::showContextMenu(const QPoint& position)
{
    if (!view_->indexAt(position).isValid()) return;  // the press selected the row under it
    QMenu menu(this);
    menu.addAction(tr("Open"), open_, &QPushButton::click)->setEnabled(open_->isEnabled());
    menu.addAction(resume_);
    menu.addAction(tr("Compare"), compare_, &QPushButton::click)->setEnabled(compare_->isEnabled());
    const RunRow* row = table_->rowAt(table_->rowOf(view_->indexAt(position).data(RunTableModel::PathRole).toString()));
    if (row && !row->sweep.isEmpty() && sweep_.isEmpty())
        menu.addAction(tr("Show Its Sweep"), this, [this, sweep = row->sweep] { openSweep(sweep); });
    menu.exec(view_->viewport()->mapToGlobal(position));
}

void RunsView::setLauncher(RunLauncher* launcher)
{
    launcher_ = launcher;
    // A run starting here changes no file of it: its row is marked, not read again (reading
    // measures students, which would draw from the random numbers the run uses). One that
    // ended wrote its last files.
    connect(launcher, &RunLauncher::started, this, &RunsView::updateActivity);
    connect(launcher, &RunLauncher::finished, this, &RunsView::refresh);
    updateActivity();
}

void RunsView::updateActivity()
{
    const QStringList selected = selectedPaths();
    table_->setRows(withActivity(table_->rows()));
    reselect(selected);
    status_->setText(summaryText());
    updateButtons();
}

std::vector<RunRow> RunsView::withActivity(std::vector<RunRow> rows) const
{
    if (!launcher_) return rows;
    for (RunRow& row : rows) {
        row.runningHere = launcher_->runs(row.path);
        row.failure = launcher_->failure(row.path);
    }
    return rows;
}

void RunsView::updateModels()
{
    // The models both selected runs scored; the student first when there.
    const QString current = model_->currentText();
    std::set<std::string> common;
    bool first = true;
    for (const QString& path : selectedPaths()) {
        const RunRow* row = table_->rowAt(table_->rowOf(path));
        std::set<std::string> models;
        if (row && row->record)
            for (const auto& entry : row->record->models) models.insert(entry.first);
        if (first) common = models;
        else {
            std::set<std::string> both;
            std::set_intersection(common.begin(), common.end(), models.begin(), models.end(), std::inserter(both, both.end()));
            common = both;
        }
        first = false;
    }
    QStringList names;
    if (common.count("student")) names << QStringLiteral("student");
    for (const std::string& m : common)
        if (m != "student") names << QString::fromStdString(m);
    model_->clear();
    model_->addItems(names);
    const int keep = model_->findText(current);
    if (keep >= 0) model_->setCurrentIndex(keep);
}

bool RunsView::openRun(const QString& path)
{
    const RunRow* row = table_->rowAt(table_->rowOf(path));
    if (!row || !row->readable()) {
        const QString why = !row ? tr("not listed") : row->unreadable() ? row->error : tr("the cell has not started yet");
        context()->showMessage(tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), why), true);
        return false;
    }
    context()->setRunDirectory(path);
    context()->showMessage(tr("Current run: %1").arg(row->name));
    return true;
}

bool RunsView::openSweep(const QString& folder)
{
    if (!sb::SweepPlan::isSweep(folder.toStdString())) {
        context()->showMessage(tr("%1 is not a sweep: it has no %2 (a sweep is planned by F5 on an experiment with a "
                                  "sweep section, or by scenebench-cli sweep plan).")
                                   .arg(QDir::toNativeSeparators(folder), QLatin1String(sb::SweepPlan::kPlanFile)),
                               true);
        return false;
    }
    setSweep(QFileInfo(folder).absoluteFilePath());
    emit stateEdited();
    return true;
}

void RunsView::closeSweep()
{
    setSweep({});
    emit stateEdited();
}

bool RunsView::chooseSweep()
{
    const QString runs = QDir(project_).filePath(QStringLiteral("runs"));
    const QString start = !project_.isEmpty() && QFileInfo(runs).isDir() ? runs : project_.isEmpty() ? QDir::homePath() : project_;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Sweep Folder"), start);
    return !folder.isEmpty() && openSweep(folder);
}

void RunsView::setSweep(const QString& folder)
{
    if (folder == sweep_) return;
    sweep_ = folder;
    sweepSummary_.clear();
    sweepFiles_ = {};
    slurmActive_ = false;
    loadedSignature_.clear();
    closeSweep_->setVisible(!sweep_.isEmpty());
    continueSweep_->setVisible(!sweep_.isEmpty());
    // A sweep's cells in the plan's order (sizes, then seeds: the sort is stable); runs by name.
    view_->sortByColumn(sweep_.isEmpty() ? RunTableModel::NameColumn : RunTableModel::SplitColumn, Qt::AscendingOrder);
    table_->setRows({});  // another sweep's or the project's rows would stand for this one's meanwhile
    refresh();
}

void RunsView::compare(const QString& runA, const QString& runB, const QString& model)
{
    pendingA_.clear();
    pendingB_.clear();
    tabs_->setCurrentWidget(comparison_);
    comparison_->compare(runA, runB, model.isEmpty() ? QStringLiteral("student") : model);
}

QString RunsView::stored(const QString& path) const
{
    if (project_.isEmpty() || path.isEmpty()) return path;
    const QString relative = QDir(project_).relativeFilePath(path);
    return relative.startsWith(QLatin1String("..")) ? path : relative;
}

QString RunsView::resolved(const QString& path) const
{
    if (path.isEmpty() || QDir::isAbsolutePath(path)) return path;
    return project_.isEmpty() ? QString() : QDir(project_).absoluteFilePath(path);
}

QJsonObject RunsView::state() const
{
    QJsonObject s{{QStringLiteral("metric"), curve_->metric()}};
    if (!sweep_.isEmpty()) s.insert(QStringLiteral("sweep"), stored(sweep_));
    const QString a = comparison_->runA().isEmpty() ? resolved(pendingA_) : comparison_->runA();
    const QString b = comparison_->runB().isEmpty() ? resolved(pendingB_) : comparison_->runB();
    if (!a.isEmpty() && !b.isEmpty()) {
        s.insert(QStringLiteral("compareA"), stored(a));
        s.insert(QStringLiteral("compareB"), stored(b));
        s.insert(QStringLiteral("model"), comparison_->model().isEmpty() ? pendingModel_ : comparison_->model());
    }
    return s;
}

void RunsView::applyState(const QJsonObject& state)
{
    curve_->setMetric(state.value(QStringLiteral("metric")).toString(QStringLiteral("accuracy")));
    setSweep(resolved(state.value(QStringLiteral("sweep")).toString()));
    comparison_->clear();
    pendingA_ = state.value(QStringLiteral("compareA")).toString();
    pendingB_ = state.value(QStringLiteral("compareB")).toString();
    pendingModel_ = state.value(QStringLiteral("model")).toString(QStringLiteral("student"));
    applyPendingCompare();
}

void RunsView::applyPendingCompare()
{
    // Relative paths wait for the project folder they are relative to.
    const QString a = resolved(pendingA_), b = resolved(pendingB_);
    if (a.isEmpty() || b.isEmpty()) return;
    compare(a, b, pendingModel_);
}

void RunsView::exportData(const QString& directory, QStringList* written, QStringList* errors) const
{
    const QDir dir(directory);
    QString table = QStringLiteral("path");
    for (int c = 0; c < RunTableModel::ColumnCount; ++c) table += QLatin1Char(',') + RunTableModel::columnKey(c);
    table += QLatin1Char('\n');
    for (int r = 0; r < table_->rowCount(); ++r) {
        table += csv::field(table_->rowAt(r)->path);
        for (int c = 0; c < RunTableModel::ColumnCount; ++c) {
            QVariant v = table_->value(r, c);
            const bool accuracy = c >= RunTableModel::StudentColumn && c <= RunTableModel::UnseenColumn;
            if (accuracy && v.isValid()) v = QString::number(100.0 * v.toDouble(), 'f', 4);
            table += QLatin1Char(',') + csv::field(v.toString());
        }
        table += QLatin1Char('\n');
    }
    csv::write(dir.filePath(QStringLiteral("runs-table.csv")), table, written, errors);
    csv::write(dir.filePath(QStringLiteral("runs-learning-curve.csv")), curve_->csv(), written, errors);
    if (comparison_->hasComparison()) {
        csv::write(dir.filePath(QStringLiteral("runs-comparison.csv")), comparison_->csv(), written, errors);
        csv::write(dir.filePath(QStringLiteral("runs-comparison-difference.csv")), comparison_->matrixCsv(), written, errors);
    }
}

}  // namespace sb::ui
