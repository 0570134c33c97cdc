#pragma once
// Runs experiments from the GUI: F5 makes a new run directory inside the project and
// runs sb::ExperimentRunner on it as a job of the JobBridge (progress, ETA and Cancel in
// the Jobs panel); a cancelled or interrupted run is continued with resume(), exactly as
// `scenebench-cli resume` would. One run at a time. A run is "interrupted" when it has its
// experiment, has not finished and no live process holds its sb::RunLock: stopped, or its
// process was killed or crashed; one held by another process is never resumed here, nor
// is a sweep's cell (its sweep continues it: SweepLauncher). GUI thread only.
#include "core/experiment/ExperimentConfig.h"
#include "ui/jobs/JobBridge.h"
#include "ui/jobs/JobSlot.h"

#include <QHash>
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
    // a run is already going here, another process runs it, it is not a run directory or
    // it has finished.
    bool resume(const QString& directory, QString* error);
    void cancel();

    bool isRunning() const { return slot_.isRunning(); }
    QString runDirectory() const { return directory_; }  // the running (or last) run
    quint64 jobId() const { return slot_.jobId(); }
    // Whether this launcher runs `directory` now.
    bool runs(const QString& directory) const;
    // Why the last run of `directory` from here failed; empty when it did not.
    QString failure(const QString& directory) const { return failures_.value(normalized(directory)); }

    // Whether a run directory's metrics.jsonl ends with the run's final event.
    static bool isFinished(const QString& directory);
    // Whether a live process (this one included) runs `directory` now.
    static bool isHeld(const QString& directory);
    // Whether `directory` holds an interrupted run: it has its experiment, has not
    // finished, no process runs it, and it is no sweep's cell.
    static bool canResume(const QString& directory);
    // Whether `directory` is a cell of a sweep (its parent holds sweep.json).
    static bool isSweepCell(const QString& directory);
    // `name` made fit for a folder name ("my run" -> "my-run").
    static QString folderName(const std::string& name);
    // The interrupted runs of a project (RunRecord::find), the last written first.
    static QStringList interruptedRuns(const QString& project);

signals:
    void started(const QString& directory);
    // After the job ended; summary is the result table when it succeeded.
    void finished(const QString& directory, sb::ui::JobBridge::Outcome outcome, const QString& message,
                  const QString& summary);

private:
    void launch(const QString& title, const QString& directory, const QString& experimentFolder);
    static QString normalized(const QString& directory);

    JobBridge* bridge_;
    JobSlot slot_;
    QString directory_;
    QString summary_;
    QHash<QString, QString> failures_;  // run directory -> why its last run from here failed
};

}  // namespace sb::ui
