#pragma once
// Keeps the Dataset view and the experiment's dataset in step, both ways: choosing a
// dataset or subset in the view sets what the experiment trains on (one undo step with
// the view's own change), and an experiment opened or edited shows its subset in the
// view (once the view shows a dataset). GUI thread only.
#include <QString>

#include <functional>

class QUndoStack;

namespace sb::ui {

class DatasetView;
class ExperimentDocument;
class ViewStates;

class DatasetExperimentLink {
public:
    DatasetExperimentLink(DatasetView* dataset, ExperimentDocument* experiment, ViewStates* states, QUndoStack* undo,
                          std::function<QString()> projectFolder);

    // The view's state was edited by the user.
    void datasetEdited();
    // The experiment changed (opened, edited, undone).
    void experimentChanged();

private:
    DatasetView* dataset_;
    ExperimentDocument* experiment_;
    ViewStates* states_;
    QUndoStack* undo_;
    std::function<QString()> projectFolder_;
};

}  // namespace sb::ui
