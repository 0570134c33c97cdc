#pragma once
// The Curves view: live training curves of one run directory (loss, accuracy, the CE
// and KD terms, learning rate), per step and per epoch, every model of the run (teacher
// fine-tunes, student) overlaid. A compact legend: one colour per model, one line style
// per kind of series. Raw data is always drawn; an EMA slider adds a smoothed line. The
// plots redraw from a timer, appending only new points. Follows the workbench's current
// run. GUI thread only.
#include "ui/curves/RunMetricsModel.h"
#include "ui/workbench/WorkbenchView.h"

#include <QHash>
#include <QTimer>
#include <QVector>

class QCheckBox;
class QCPGraph;
class QLabel;
class QSlider;
class QTableView;

namespace sb::ui {

class PlotWidget;
class RunFollower;
class Theme;

class CurvesView : public WorkbenchView {
    Q_OBJECT
public:
    explicit CurvesView(WorkbenchContext* context, QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("curves"); }
    QString title() const override { return tr("Curves"); }

    void setRunDirectory(const QString& directory);
    QString runDirectory() const;

    // Smoothing factor in [0, 0.99]: 0 draws the raw data only.
    void setSmoothing(double alpha);
    double smoothing() const { return alpha_; }

    RunMetricsModel* model() const { return model_; }
    RunFollower* follower() const { return follower_; }
    QVector<PlotWidget*> plots() const { return plots_; }

    // Compact (the Teaching layout): plots only, without the table of events.
    void setCompact(bool compact);

    // Draws whatever arrived since the last redraw (the timer calls it 15 times a second).
    void redraw();

    static constexpr int kRedrawMs = 66;

signals:
    void runDirectoryChanged(const QString& directory);
    void smoothingChanged(double alpha);
    void openRunRequested();

protected:
    void runChanged(const QString& directory) override;

private:
    struct Binding {
        int series;
        PlotWidget* plot;
        QCPGraph* raw;
        QCPGraph* smooth;  // step series only
        int consumed = 0;
        double ema = 0;
    };
    PlotWidget* plotFor(const RunMetricsModel::Series& series) const;
    void bindNewSeries();
    void appendNewPoints(Binding& binding);
    void restartSmoothing();
    void applyVisibility();
    void rebuildLegend(PlotWidget* plot);
    void clearGraphs();
    void updateSummary();
    void restyle();

    Theme* theme_;
    RunMetricsModel* model_;
    RunFollower* follower_;
    QVector<PlotWidget*> plots_;
    PlotWidget* loss_;
    PlotWidget* accuracy_;
    PlotWidget* distillation_;
    PlotWidget* learningRate_;
    QLabel* runLabel_;
    QLabel* summary_;
    QSlider* smoothingSlider_;
    QLabel* smoothingLabel_;
    QCheckBox* showSteps_;
    QCheckBox* showEpochs_;
    QTableView* table_;
    QVector<Binding> bindings_;
    QHash<PlotWidget*, QVector<QCPGraph*>> legendKeys_;  // data-less graphs that only label colours and styles
    QTimer redrawTimer_;
    quint64 drawnRevision_ = ~quint64(0);
    double alpha_ = 0.6;
};

}  // namespace sb::ui
