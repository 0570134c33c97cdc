#pragma once
// The subset learning curve: accuracy (%) against the training split's size (5–100 %,
// log x), one line per model kind (sb::learningCurve: mean ± sample std over the runs,
// i.e. seeds, of each size) with error bars, plus the DCASE 2024 Task 1 baseline's
// published accuracies (sb::dcase::kBaseline2024) as a dashed line with its ± std.
// A selector picks the metric: accuracy, seen or unseen devices. GUI thread only.
#include "core/results/LearningCurve.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QCPErrorBars;
class QCPGraph;

namespace sb::ui {

class PlotWidget;
class Theme;

class LearningCurvePlot : public QWidget {
    Q_OBJECT
public:
    explicit LearningCurvePlot(Theme* theme, QWidget* parent = nullptr);

    // The readable runs of the project; redraws.
    void setRuns(std::vector<sb::RunRecord> runs);

    // "accuracy", "seen" or "unseen".
    QString metric() const;
    void setMetric(const QString& metric);
    static QStringList metrics();

    const std::vector<sb::CurveLine>& curveLines() const { return lines_; }
    // The graph (values in %) and error bars of a model kind; null when not drawn.
    QCPGraph* graph(const QString& kind) const;
    QCPErrorBars* errorBars(const QString& kind) const;
    QCPGraph* baselineGraph() const { return baseline_; }
    QCPErrorBars* baselineErrorBars() const { return baselineBars_; }
    PlotWidget* plotWidget() const { return plot_; }

    // CSV: kind, percent, mean, std, runs, metric (accuracies in %), then the baseline
    // rows (kind "dcase2024-baseline").
    QString csv() const;

    static constexpr const char* kBaselineKind = "dcase2024-baseline";

signals:
    void metricChanged(const QString& metric);

private:
    void redraw();
    void drawBaseline();
    // The colour of a kind's line; `others` counts the kinds beyond the four known ones so far.
    QColor kindColor(const std::string& kind, int* others) const;

    Theme* theme_;
    QComboBox* metric_;
    PlotWidget* plot_;
    std::vector<sb::RunRecord> runs_;
    std::vector<sb::CurveLine> lines_;
    std::vector<QCPGraph*> graphs_;  // parallel to lines_
    std::vector<QCPErrorBars*> bars_;
    QCPGraph* baseline_ = nullptr;
    QCPErrorBars* baselineBars_ = nullptr;
};

}  // namespace sb::ui
