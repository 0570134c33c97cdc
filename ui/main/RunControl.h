#pragma once
// Running the experiment from the window: F5 runs it into a new run of the project,
// Esc stops every job, Shift+F5 resumes the current run when it was interrupted (stopped,
// or its process killed); the three actions are enabled only when they can act. Finished,
// stopped and failed runs are reported through Hooks. GUI thread only.
#include <QObject>
#include <QString>

#include <functional>

class QAction;

namespace sb::ui {

class ExperimentDocument;
class JobBridge;
class RunLauncher;
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
    };

    RunControl(RunLauncher* launcher, JobBridge* jobs, ExperimentDocument* experiment, WorkbenchContext* context,
               Hooks hooks, QObject* parent);

    QAction* runAction() const { return run_; }
    QAction* resumeAction() const { return resume_; }
    QAction* stopAction() const { return stop_; }

    // See MainWindow::runExperiment.
    QString runExperiment(bool headless, QString* error);
    // Continues the interrupted run in `directory` and makes it the current run; false
    // with the reason in the status bar (and *error) when it cannot.
    bool resumeRun(const QString& directory, QString* error);
    void updateActions();

private:
    void finished(const QString& directory, int outcome, const QString& message, const QString& summary);

    RunLauncher* launcher_;
    JobBridge* jobs_;
    ExperimentDocument* experiment_;
    WorkbenchContext* context_;
    Hooks hooks_;
    QAction* run_;
    QAction* resume_;
    QAction* stop_;
};

}  // namespace sb::ui
