#include "ui/main/ViewStateCommand.h"

namespace sb::ui {

ViewStateCommand::ViewStateCommand(const QString& view, QJsonObject before, QJsonObject after, Apply apply)
    : QUndoCommand(QObject::tr("Edit %1").arg(view)), view_(view), before_(std::move(before)),
      after_(std::move(after)), apply_(std::move(apply))
{
    lastEdit_.start();
}

bool ViewStateCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const ViewStateCommand*>(other);
    if (next->view_ != view_ || lastEdit_.elapsed() > kMergeWindowMs) return false;
    after_ = next->after_;
    lastEdit_.restart();
    return true;
}

}  // namespace sb::ui
