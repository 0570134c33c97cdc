#pragma once
// Runs experiments from the GUI: F5 makes a new run directory inside the project and
// runs sb::ExperimentRunner on it as a job of the JobBridge (progress, ETA and Cancel in
// the Jobs panel); a cancelled or interrupted run is continued with resume(), exactly as
// `scenebench-cli resume` would. One run at a time. GUI thread only.
#include "core/experiment/ExperimentConfig.h"
#include "ui/jobs/JobBridge.h"
#include "ui/jobs/JobSlot.h"

#include <QObject>
#include <QString>

namespace sb::ui {

class RunLauncher : public QObject {
    Q_OBJECT
public:
    explicit RunLauncher(JobBridge* bridge, QObject* parent = nullptr);

    // Creates runsFolder/<name>-<date>-<time> holding the experiment and starts it.
    // Relative paths in the experiment are taken from experimentFolder. Returns the run
    // directory, or empty with *error saying why (a run already going, a folder that
    // cannot be made).
    QString start(const sb::ExperimentConfig& config, const QString& runsFolder, const QString& experimentFolder,
                  QString* error);
    // Continues the run in `directory` where it stopped. Returns false with *error when
    // it is not a run directory or a run is already going.
    bool resume(const QString& directory, QString* error);
    void cancel();

    bool isRunning() const { return slot_.isRunning(); }
    QString runDirectory() const { return directory_; }  // the running (or last) run
    quint64 jobId() const { return slot_.jobId(); }

    // Whether a run directory's metrics.jsonl ends with the run's final event.
    static bool isFinished(const QString& directory);
    // Whether `directory` holds a run that can be continued (it has its experiment and
    // has not finished).
    static bool canResume(const QString& directory);

signals:
    void started(const QString& directory);
    // After the job ended; summary is the result table when it succeeded.
    void finished(const QString& directory, sb::ui::JobBridge::Outcome outcome, const QString& message,
                  const QString& summary);

private:
    void launch(const QString& title, const QString& directory, const QString& experimentFolder);

    JobBridge* bridge_;
    JobSlot slot_;
    QString directory_;
    QString summary_;
};

}  // namespace sb::ui
