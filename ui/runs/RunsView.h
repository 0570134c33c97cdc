#pragma once
// The Runs view: every run of the project at a glance (RunTableModel, sortable), the
// subset learning curve over them (LearningCurvePlot), and two runs compared side by
// side (RunComparisonPanel). Double-click or Open makes a run the current one (the other
// views follow). Each run's status says whether it finished, runs here or in another
// process, failed, or was interrupted (RunRow); the context menu resumes an interrupted
// one (resumeRequested). The list reloads when the project's runs/ folder changes, on
// Refresh, and every 2 s while the view is visible when a run's files or its lock
// changed; reading the runs is a job. Open sweep… shows a sweep instead (SweepRows):
// every cell of its plan with its state, and the learning curve over its finished
// cells, filling in as cells finish. GUI thread only.
#include "ui/jobs/JobSlot.h"
#include "ui/runs/RunRows.h"
#include "ui/runs/SweepRows.h"
#include "ui/workbench/WorkbenchView.h"

#include <QFileSystemWatcher>
#include <QPointer>
#include <QTimer>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace sb::ui {

class LearningCurvePlot;
class RunComparisonPanel;
class RunLauncher;
class RunTableModel;

class RunsView : public WorkbenchView {
    Q_OBJECT
public:
    explicit RunsView(WorkbenchContext* context, QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("runs"); }
    QString title() const override { return tr("Runs"); }
    QString iconName() const override { return QStringLiteral("runs"); }
    QJsonObject state() const override;
    void applyState(const QJsonObject& state) override;
    void exportData(const QString& directory, QStringList* written, QStringList* errors) const override;

    // Reads the project's runs again (a job; runsLoaded() follows).
    void refresh();
    bool isLoading() const { return loadSlot_.isRunning(); }
    // Makes the run current for every view; false (with a message) when it is unreadable.
    bool openRun(const QString& path);
    // Shows the sweep in `folder` (it holds sweep.json) instead of the project's runs;
    // false, with a message, when it is not a sweep.
    bool openSweep(const QString& folder);
    void closeSweep();  // back to the project's runs
    // Asks for a sweep folder (from the project's runs/) and opens it; false when none was.
    bool chooseSweep();
    QString sweepFolder() const { return sweep_; }  // empty: the project's runs are shown
    // Compares `model` of two runs (a job; RunComparisonPanel::comparisonShown follows).
    void compare(const QString& runA, const QString& runB, const QString& model = QStringLiteral("student"));
    // The window's launcher: its run shows as running (and failed ones as failed), and
    // nothing is offered for resuming while it runs.
    void setLauncher(RunLauncher* launcher);
    // Resume for the one selected run (the context menu's); enabled when it is interrupted.
    QAction* resumeAction() const { return resume_; }

    RunTableModel* tableModel() const { return table_; }
    QSortFilterProxyModel* sortedModel() const { return sorted_; }
    QTableView* tableView() const { return view_; }
    LearningCurvePlot* curve() const { return curve_; }
    RunComparisonPanel* comparison() const { return comparison_; }
    QString statusText() const;

    static constexpr int kPollMs = 2000;

signals:
    void runsLoaded();
    void resumeRequested(const QString& path);
    // "Run here" on an open sweep: run its unfinished cells on this machine.
    void continueSweepRequested(const QString& sweep);

protected:
    void projectChanged(const QString& folder) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    struct Loaded;
    void refreshSweep();
    void showRuns(const Loaded& loaded);
    void setSweep(const QString& folder);
    void watchProject();
    void poll();
    void updateButtons();
    void showContextMenu(const QPoint& position);
    std::vector<RunRow> withActivity(std::vector<RunRow> rows) const;  // running here / failed here
    void updateActivity();
    void reselect(const QStringList& paths);
    QString summaryText() const;
    void updateModels();
    void applyPendingCompare();
    QStringList selectedPaths() const;  // in table order
    QString stored(const QString& path) const;    // relative to the project when inside it
    QString resolved(const QString& path) const;  // the inverse
    // Paths and modification times of the files a run's row reads: a change means reload.
    static QString signature(const QString& project);

    JobSlot loadSlot_;
    std::shared_ptr<StudentSizes> sizes_;  // shared with the load jobs
    QString project_;
    QString loadedSignature_;
    QString sweep_;         // the sweep shown (absolute); empty: the project's runs
    QString sweepSummary_;  // its status line, from the last load
    SweepFiles sweepFiles_;     // what its poll looks at, from the last load
    bool slurmActive_ = false;  // Slurm holds some of its cells (see sweepSignature)
    RunTableModel* table_;
    QSortFilterProxyModel* sorted_;
    QTableView* view_;
    QLabel* status_;
    QPushButton* refresh_;
    QPushButton* openSweep_;
    QPushButton* closeSweep_;
    QPushButton* continueSweep_;
    QPushButton* open_;
    QPushButton* compare_;
    QComboBox* model_;
    QAction* resume_;
    QPointer<RunLauncher> launcher_;
    QTabWidget* tabs_;
    LearningCurvePlot* curve_;
    RunComparisonPanel* comparison_;
    QFileSystemWatcher watcher_;
    QTimer poll_;
    QTimer debounce_;
    QString pendingA_, pendingB_, pendingModel_;  // from applyState, compared once resolvable
};

}  // namespace sb::ui
