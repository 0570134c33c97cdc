#include "ui/experiment/ExperimentEditCommand.h"

#include "ui/experiment/ExperimentDocument.h"

#include <QObject>

namespace sb::ui {

ExperimentEditCommand::ExperimentEditCommand(ExperimentDocument* document, sb::ExperimentConfig before,
                                             sb::ExperimentConfig after, QString field, const QString& what)
    : QUndoCommand(QObject::tr("Edit %1").arg(what)), document_(document), before_(std::move(before)),
      after_(std::move(after)), field_(std::move(field))
{
    lastEdit_.start();
}

void ExperimentEditCommand::undo() { document_->apply(before_); }

void ExperimentEditCommand::redo() { document_->apply(after_); }

bool ExperimentEditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const ExperimentEditCommand*>(other);
    if (next->document_ != document_ || next->field_ != field_ || lastEdit_.elapsed() > kMergeWindowMs) return false;
    after_ = next->after_;
    lastEdit_.restart();
    // Typed back to where it started: the step no longer changes anything.
    if (ExperimentDocument::sameExperiment(before_, after_)) setObsolete(true);
    return true;
}

}  // namespace sb::ui
