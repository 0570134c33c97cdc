#pragma once
// Sweeps from the GUI (F5 on an experiment with a sweep section): plans the sweep into a
// new folder of the project's runs/ (sb::SweepPlan::create), then either runs its cells
// on this machine (sb::runSweepLocally: each cell a `scenebench-cli sweep cell` child,
// `jobs` at a time) as a job of the JobBridge — progress in the Jobs panel, its Cancel
// (or Esc) interrupts the cells, which keep what they finished — or hands it to Slurm
// (sb::submitToSlurm, which runs sbatch) on a job, off the GUI thread. One sweep job at a
// time. GUI thread only.
#include "ui/jobs/JobBridge.h"
#include "ui/jobs/JobSlot.h"

#include "core/experiment/ExperimentConfig.h"
#include "core/sweep/SlurmSubmitter.h"

#include <QObject>
#include <QString>

namespace sb::ui {

class SweepLauncher : public QObject {
    Q_OBJECT
public:
    explicit SweepLauncher(JobBridge* bridge, QObject* parent = nullptr);

    // Plans `config`, read from experimentFile (empty when never saved), into
    // runsFolder/<name>-sweep-<yyyyMMdd-HHmmss>; relative paths in it are taken from
    // experimentFolder. Returns the sweep folder, or empty with *error saying why.
    QString plan(const sb::ExperimentConfig& config, const QString& runsFolder, const QString& experimentFile,
                 const QString& experimentFolder, QString* error);
    // Runs the sweep's unfinished cells here, `jobs` at a time, with scenebench-cli beside
    // this program; false with *error when a sweep job is going or the CLI is missing.
    bool runHere(const QString& sweep, int jobs, QString* error);
    // Submits the sweep's cells that need it to Slurm (the job reports the job id or why not).
    bool submit(const QString& sweep, const sb::SlurmOptions& options, QString* error);

    bool isRunning() const { return slot_.isRunning(); }
    quint64 jobId() const { return slot_.jobId(); }
    QString sweepFolder() const { return sweep_; }  // the sweep of the running (or last) job

    // scenebench-cli beside this program: it runs the cells, here and on Slurm's nodes.
    static QString cliPath();
    // Empty when cliPath() can be run; else why not, for the user.
    static QString cliProblem();

signals:
    void started(const QString& sweep);
    // After the job ended: what happened in a sentence; `failed` when the user must act.
    void finished(const QString& sweep, const QString& text, bool failed);

private:
    // Takes the one sweep job slot for `sweep`; false with *error when it is busy.
    bool begin(const QString& sweep, bool submitting, QString* error);
    void ended(JobBridge::Outcome outcome, const QString& message);

    JobBridge* bridge_;
    JobSlot slot_;
    QString sweep_;
    bool submitting_ = false;
    QString resultText_;  // what the job's result says, once delivered
    bool resultFailed_ = false;
};

}  // namespace sb::ui
