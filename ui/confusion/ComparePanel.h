#pragma once
// The Compare page of the Confusion view: two models of one run side by side (their
// overall confusion matrices on one colour scale) and the difference matrix B − A on a
// diverging, colour-blind-safe map with a symmetric range, plus the agreement rate.
// The comparison (sb::compareModels, matched by file name) runs on the job bridge.
// GUI thread only.
#include "core/results/ModelComparison.h"
#include "ui/workbench/RunPredictions.h"
#include "ui/jobs/JobSlot.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace sb::ui {

class MatrixPlot;
class Theme;

class ComparePanel : public QWidget {
    Q_OBJECT
public:
    enum Plot { PlotA, PlotB, PlotDifference };

    ComparePanel(JobBridge* jobs, Theme* theme, QWidget* parent = nullptr);

    // Compares a with b (again only when either changed) and draws them; null: clears.
    void setModels(const RunPredictions::Model* a, const RunPredictions::Model* b, bool normalised);
    void clear(const QString& text);

    const sb::ModelComparison* comparison() const { return comparison_.get(); }
    QString agreementText() const;
    MatrixPlot* plot(Plot which) const;

signals:
    void cellClicked(sb::ui::ComparePanel::Plot plot, int row, int column);
    void compared();  // the comparison (or why it failed) is shown

private:
    void draw();

    JobSlot slot_;
    const RunPredictions::Model* a_ = nullptr;  // owned by the view's RunPredictions
    const RunPredictions::Model* b_ = nullptr;
    bool normalised_ = false;
    std::shared_ptr<const sb::ModelComparison> comparison_;
    QString error_;
    QLabel* agreement_;
    MatrixPlot* plots_[3];
};

}  // namespace sb::ui
