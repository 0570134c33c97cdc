#include "ui/main/SessionRecovery.h"

#include "ui/experiment/ExperimentAutosave.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/experiment/ExperimentEditor.h"
#include "ui/main/MessageBar.h"
#include "ui/runs/RunLauncher.h"
#include "ui/runs/RunsView.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStatusBar>

namespace sb::ui {

SessionRecovery::SessionRecovery(const Parts& parts, Hooks hooks, QObject* parent)
    : QObject(parent), recoveryBar_(new MessageBar(parts.editor)), runsBar_(new MessageBar(parts.statusBar)),
      hooks_(std::move(hooks))
{
    WorkbenchContext* context = parts.context;
    autosave_ = new ExperimentAutosave(parts.document, [context] { return context->projectFolder(); }, this);
    recoveryBar_->setObjectName(QStringLiteral("recovery-bar"));
    recoveryBar_->addButton(tr("Recover"), QStringLiteral("recover"), [this] { autosave_->recover(); });
    recoveryBar_->addButton(tr("Discard"), QStringLiteral("discard"), [this] { autosave_->discardOffer(); });
    parts.editor->insertBanner(recoveryBar_);
    connect(autosave_, &ExperimentAutosave::offersChanged, this, &SessionRecovery::showOffer);
    connect(autosave_, &ExperimentAutosave::problem, this,
            [this](const QString& message) { hooks_.showError(tr("Experiment recovery"), message); });

    runsBar_->setObjectName(QStringLiteral("interrupted-runs-bar"));
    runsBar_->setWordWrap(false);  // one line in the status bar; the tooltip says more
    runsBar_->addButton(tr("Resume"), QStringLiteral("resume"), [this] {
        if (!interrupted_.isEmpty()) hooks_.resumeRun(interrupted_.first());
    });
    // Permanent: the status bar's transient messages would hide it.
    parts.statusBar->insertPermanentWidget(0, runsBar_);
    parts.runs->setLauncher(parts.launcher);
    connect(parts.runs, &RunsView::resumeRequested, this, [this](const QString& path) { hooks_.resumeRun(path); });
    connect(context, &WorkbenchContext::projectFolderChanged, this, &SessionRecovery::projectOpened);
    // One resumed from the Runs view or with Shift+F5 is no longer waiting.
    connect(parts.launcher, &RunLauncher::started, this, [this](const QString& directory) {
        if (interrupted_.removeAll(directory) > 0 && !runsBar_->isHidden()) showInterrupted();
    });
    // An untitled experiment has a project too: the recovery files of it belong to the project.
    connect(context, &WorkbenchContext::projectFolderChanged, autosave_, &ExperimentAutosave::documentChanged);
    autosave_->documentChanged();  // the window's first document
}

void SessionRecovery::windowClosed()
{
    autosave_->windowClosed();
}

void SessionRecovery::showOffer()
{
    const RecoveryFile* offer = autosave_->offer();
    if (!offer) {
        recoveryBar_->hide();
        return;
    }
    const QString name = offer->experimentFile.isEmpty()
                             ? tr("the untitled experiment of %1").arg(QFileInfo(offer->project).fileName())
                             : QFileInfo(offer->experimentFile).fileName();
    QString text = tr("Recover the unsaved changes to %1 from %2?")
                       .arg(name, QLocale().toString(offer->time, QLocale::ShortFormat));
    if (autosave_->offerCount() > 1) text += QLatin1Char(' ') + tr("(%n more after this one)", nullptr, autosave_->offerCount() - 1);
    recoveryBar_->showMessage(text, tr("SceneBench (process %1) was editing it when it stopped without saving; the "
                                       "changes were kept in %2.\nRecover applies them as one step Undo takes back; "
                                       "Discard deletes them.")
                                        .arg(offer->pid)
                                        .arg(QDir::toNativeSeparators(offer->path)));
    hooks_.raiseEditor();
}

void SessionRecovery::projectOpened(const QString& folder)
{
    interrupted_ = RunLauncher::interruptedRuns(folder);
    showInterrupted();
}

void SessionRecovery::showInterrupted()
{
    if (interrupted_.isEmpty()) {
        runsBar_->hide();
        return;
    }
    const QString latest = interrupted_.first();
    runsBar_->showMessage(tr("%n interrupted run(s), latest %1", nullptr, int(interrupted_.size()))
                              .arg(QFileInfo(latest).fileName()),
                          tr("Runs that did not finish and that no process runs now (stopped, killed or crashed): "
                             "Resume continues %1 where it stopped; the Runs view resumes any of them.")
                              .arg(QDir::toNativeSeparators(latest)));
}

}  // namespace sb::ui
