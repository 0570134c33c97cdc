#pragma once
// Running the experiment from the window: F5 runs it into a new run of the project,
// Esc stops every job, Shift+F5 resumes the current run when it was interrupted (stopped,
// or its process killed); the three actions are enabled only when they can act. Finished,
// stopped and failed runs are reported through Hooks. F5 on an experiment with a sweep
// section asks (SweepDialog) whether to run its cells here or submit them to Slurm, plans
// it into the project's runs/ and has the Runs view show it (SweepLauncher). GUI thread only.
#include "core/experiment/ExperimentConfig.h"

#include <QObject>
#include <QString>

#include <functional>

class QAction;

namespace sb::ui {

class ExperimentDocument;
class JobBridge;
class RunLauncher;
class SweepDialog;
class SweepLauncher;
class WorkbenchContext;

class RunControl : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<QString()> projectFolder;  // where runs/ goes; empty: none open
        std::function<void()> askForProject;      // lets the user save the project somewhere first
        std::function<void(const QString&)> openRun;
        std::function<void()> raiseEditor;
        std::function<void(const QString&, const QString&)> setStatus;  // text, tooltip
        std::function<void(const QString&)> flash;                      // a transient status message
        std::function<void(const QString&, const QString&)> showError;  // title, message
        std::function<void(const QString&)> openSweep;                  // shows a sweep folder as it fills in
    };

    RunControl(RunLauncher* launcher, JobBridge* jobs, ExperimentDocument* experiment, WorkbenchContext* context,
               Hooks hooks, QObject* parent);

    QAction* runAction() const { return run_; }
    QAction* resumeAction() const { return resume_; }
    QAction* stopAction() const { return stop_; }

    // See MainWindow::runExperiment. An experiment with a sweep section opens the sweep
    // dialog (a child of the window) instead and returns empty with *error empty.
    QString runExperiment(bool headless, QString* error);
    SweepLauncher* sweepLauncher() const { return sweeps_; }
    // Continues the interrupted run in `directory` and makes it the current run; false
    // with the reason in the status bar (and *error) when it cannot.
    bool resumeRun(const QString& directory, QString* error);
    // Runs a sweep's unfinished cells here, one at a time (the Runs view's "Run here").
    void continueSweep(const QString& sweep);
    void updateActions();

private:
    void finished(const QString& directory, int outcome, const QString& message, const QString& summary);
    QString offerSweep();  // empty when the dialog opened; else why not
    void startSweep(const SweepDialog& dialog, const sb::ExperimentConfig& config);
    void sweepFinished(const QString& sweep, const QString& text, bool failed);

    RunLauncher* launcher_;
    SweepLauncher* sweeps_;
    JobBridge* jobs_;
    ExperimentDocument* experiment_;
    WorkbenchContext* context_;
    Hooks hooks_;
    QAction* run_;
    QAction* resume_;
    QAction* stop_;
};

}  // namespace sb::ui
