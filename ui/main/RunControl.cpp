#include "ui/main/RunControl.h"

#include "ui/experiment/ExperimentDocument.h"
#include "ui/jobs/JobBridge.h"
#include "ui/runs/RunLauncher.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QAction>
#include <QApplication>
#include <QDir>

namespace sb::ui {

RunControl::RunControl(RunLauncher* launcher, JobBridge* jobs, ExperimentDocument* experiment, WorkbenchContext* context,
                       Hooks hooks, QObject* parent)
    : QObject(parent), launcher_(launcher), jobs_(jobs), experiment_(experiment), context_(context), hooks_(std::move(hooks))
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

void RunControl::updateActions()
{
    const bool running = launcher_->isRunning();
    run_->setEnabled(experiment_->isValid() && !running);
    resume_->setEnabled(!running && RunLauncher::canResume(context_->runDirectory()));
    stop_->setEnabled(jobs_->runningCount() > 0);
}

}  // namespace sb::ui
