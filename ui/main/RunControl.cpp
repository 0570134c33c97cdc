#include "ui/main/RunControl.h"

#include "ui/experiment/ExperimentDocument.h"
#include "ui/jobs/JobBridge.h"
#include "ui/runs/RunLauncher.h"
#include "ui/runs/SweepDialog.h"
#include "ui/runs/SweepLauncher.h"
#include "ui/workbench/ErrorText.h"
#include "ui/workbench/WorkbenchContext.h"

#include "core/sweep/SweepCell.h"

#include <QAction>
#include <QApplication>
#include <QDir>

namespace sb::ui {

RunControl::RunControl(RunLauncher* launcher, JobBridge* jobs, ExperimentDocument* experiment, WorkbenchContext* context,
                       Hooks hooks, QObject* parent)
    : QObject(parent), launcher_(launcher), sweeps_(new SweepLauncher(jobs, this)), jobs_(jobs), experiment_(experiment),
      context_(context), hooks_(std::move(hooks))
{
    run_ = new QAction(QIcon(QStringLiteral(":/icons/run.svg")), tr("&Run Experiment"), this);
    run_->setShortcut(QKeySequence(Qt::Key_F5));
    run_->setStatusTip(tr("Run the experiment into a new run of the project and follow its curves (F5)"));
    connect(run_, &QAction::triggered, this, [this] {
        runExperiment(QApplication::platformName() == QLatin1String("offscreen"), nullptr);
    });
    resume_ = new QAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("Resu&me Run"), this);
    resume_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    resume_->setStatusTip(tr("Continue the current run where it stopped or was interrupted (Shift+F5)"));
    connect(resume_, &QAction::triggered, this, [this] { resumeRun(context_->runDirectory(), nullptr); });
    stop_ = new QAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("&Stop"), this);
    stop_->setShortcut(QKeySequence(Qt::Key_Escape));
    stop_->setStatusTip(tr("Cancel every running job (Esc); finished parts stay usable"));
    connect(stop_, &QAction::triggered, jobs_, &JobBridge::cancelAll);

    connect(jobs_, &JobBridge::runningCountChanged, this, &RunControl::updateActions);
    connect(context_, &WorkbenchContext::runDirectoryChanged, this, &RunControl::updateActions);
    connect(experiment_, &ExperimentDocument::changed, this, &RunControl::updateActions);
    connect(launcher_, &RunLauncher::finished, this,
            [this](const QString& directory, JobBridge::Outcome outcome, const QString& message, const QString& summary) {
                finished(directory, int(outcome), message, summary);
            });
    connect(sweeps_, &SweepLauncher::finished, this, &RunControl::sweepFinished);
}

QString RunControl::runExperiment(bool headless, QString* error)
{
    QString why;
    QString directory;
    if (!experiment_->isValid()) {
        why = tr("The experiment has %n problem(s); fix them in the Experiment view first.", nullptr,
                 int(experiment_->issues().size()));
        hooks_.raiseEditor();
    } else {
        if (hooks_.projectFolder().isEmpty() && !headless) hooks_.askForProject();  // runs live in a project
        if (hooks_.projectFolder().isEmpty()) why = tr("Runs are kept in a project: open or save a project first.");
    }
    if (why.isEmpty() && experiment_->config().sweep.present) {
        why = offerSweep();  // the dialog's choice starts it
        if (why.isEmpty()) {
            if (error) error->clear();
            return {};
        }
    }
    if (why.isEmpty()) {
        const QString project = hooks_.projectFolder();
        directory = launcher_->start(experiment_->config(), QDir(project).filePath(QStringLiteral("runs")),
                                     experiment_->folder(project), &why);
    }
    if (!why.isEmpty()) {
        hooks_.flash(tr("Cannot run: %1").arg(why));
        if (error) *error = why;
        return {};
    }
    hooks_.openRun(directory);
    hooks_.setStatus(tr("Running %1 into %2 (Esc stops it)")
                         .arg(QString::fromStdString(experiment_->config().name), QDir::toNativeSeparators(directory)),
                     {});
    updateActions();
    return directory;
}

bool RunControl::resumeRun(const QString& directory, QString* error)
{
    QString why;
    if (directory.isEmpty()) why = tr("no run is open.");
    else launcher_->resume(directory, &why);
    if (!why.isEmpty()) {
        hooks_.flash(tr("Cannot resume: %1").arg(why));
        if (error) *error = why;
        return false;
    }
    if (directory != context_->runDirectory()) hooks_.openRun(directory);
    hooks_.setStatus(tr("Resuming %1 (Esc stops it)").arg(QDir::toNativeSeparators(directory)), {});
    updateActions();
    return true;
}

void RunControl::continueSweep(const QString& sweep)
{
    QString why;
    if (launcher_->isRunning()) why = tr("a run is going; stop it first (Esc).");
    else sweeps_->runHere(sweep, 1, &why);
    if (!why.isEmpty()) {
        hooks_.showError(tr("Cannot run the sweep"), why);
        return;
    }
    hooks_.setStatus(tr("Running the sweep %1 here (Esc stops it)").arg(QDir::toNativeSeparators(sweep)), {});
    updateActions();
}

void RunControl::finished(const QString& directory, int outcome, const QString& message, const QString& summary)
{
    const QString name = QDir::toNativeSeparators(directory);
    switch (JobBridge::Outcome(outcome)) {
    case JobBridge::Outcome::Succeeded:
        hooks_.setStatus(tr("Run finished: %1").arg(name), summary);
        break;
    case JobBridge::Outcome::Cancelled:
        hooks_.setStatus(tr("Run stopped: %1. Its finished parts are kept; Shift+F5 resumes it.").arg(name), {});
        break;
    case JobBridge::Outcome::Failed:
        hooks_.setStatus(tr("Run failed: %1").arg(name), {});
        hooks_.showError(tr("The run failed"), message);
        break;
    }
    updateActions();
}

QString RunControl::offerSweep()
{
    const sb::ExperimentConfig config = experiment_->config();
    size_t cells = 0;
    try {
        cells = sb::expandSweep(config).size();
    } catch (const std::exception& e) {
        return errorText(e);
    }
    auto* dialog = new SweepDialog(config, cells, qobject_cast<QWidget*>(parent()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, config] { startSweep(*dialog, config); });
    dialog->open();
    return {};
}

void RunControl::startSweep(const SweepDialog& dialog, const sb::ExperimentConfig& config)
{
    QString why;
    const QString runs = QDir(hooks_.projectFolder()).filePath(QStringLiteral("runs"));
    const QString sweep =
        sweeps_->plan(config, runs, experiment_->path(), experiment_->folder(hooks_.projectFolder()), &why);
    const bool here = dialog.choice() == SweepDialog::Choice::RunHere;
    if (!sweep.isEmpty()) {
        if (here) sweeps_->runHere(sweep, dialog.jobs(), &why);
        else sweeps_->submit(sweep, dialog.slurmOptions(), &why);
    }
    if (!why.isEmpty()) {
        hooks_.showError(tr("Cannot start the sweep"), why);
        return;
    }
    if (hooks_.openSweep) hooks_.openSweep(sweep);
    const QString where = QDir::toNativeSeparators(sweep);
    hooks_.setStatus(here ? tr("Running the sweep %1 here (Esc stops it)").arg(where)
                          : tr("Submitting the sweep %1 to Slurm…").arg(where),
                     {});
    updateActions();
}

void RunControl::sweepFinished(const QString& sweep, const QString& text, bool failed)
{
    hooks_.setStatus(text, QDir::toNativeSeparators(sweep));
    if (failed) hooks_.showError(tr("The sweep needs attention"), text);
    updateActions();
}

void RunControl::updateActions()
{
    const bool running = launcher_->isRunning() || sweeps_->isRunning();
    run_->setEnabled(experiment_->isValid() && !running);
    resume_->setEnabled(!running && RunLauncher::canResume(context_->runDirectory()));
    stop_->setEnabled(jobs_->runningCount() > 0);
}

}  // namespace sb::ui
