#pragma once
// An undoable edit of one view's state (the state a project saves). Holds the view's
// state before and after; undo/redo hand one of them back to the view. Quick successive
// edits of the same view (a slider drag, typing in a spin box) merge into one step.
#include <QElapsedTimer>
#include <QJsonObject>
#include <QUndoCommand>

#include <functional>

namespace sb::ui {

class ViewStateCommand : public QUndoCommand {
public:
    using Apply = std::function<void(const QJsonObject&)>;

    ViewStateCommand(const QString& view, QJsonObject before, QJsonObject after, Apply apply);

    void undo() override { apply_(before_); }
    void redo() override { apply_(after_); }
    int id() const override { return 0x5b01; }
    bool mergeWith(const QUndoCommand* other) override;

    static constexpr qint64 kMergeWindowMs = 800;

private:
    QString view_;
    QJsonObject before_;
    QJsonObject after_;
    Apply apply_;
    QElapsedTimer lastEdit_;
};

}  // namespace sb::ui
