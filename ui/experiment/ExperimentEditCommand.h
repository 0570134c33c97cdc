#pragma once
// One undoable edit of the experiment: the whole configuration before and after (it
// is small), so undo/redo restore it exactly. Quick successive edits of the same field
// (typing a number, spinning a box) merge into one step.
#include "core/experiment/ExperimentConfig.h"

#include <QElapsedTimer>
#include <QUndoCommand>

namespace sb::ui {

class ExperimentDocument;

class ExperimentEditCommand : public QUndoCommand {
public:
    ExperimentEditCommand(ExperimentDocument* document, sb::ExperimentConfig before, sb::ExperimentConfig after,
                          QString field, const QString& what);

    void undo() override;
    void redo() override;
    int id() const override { return 0x5b02; }
    bool mergeWith(const QUndoCommand* other) override;

    static constexpr qint64 kMergeWindowMs = 1500;

private:
    ExperimentDocument* document_;
    sb::ExperimentConfig before_;
    sb::ExperimentConfig after_;
    QString field_;
    QElapsedTimer lastEdit_;
};

}  // namespace sb::ui
