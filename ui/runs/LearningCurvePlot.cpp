#include "ui/runs/LearningCurvePlot.h"

#include "core/common/Dcase.h"
#include "ui/main/Theme.h"
#include "ui/plots/PlotWidget.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace sb::ui {

namespace {

// The split sizes the x axis marks (the official DCASE splits).
QSharedPointer<QCPAxisTickerText> splitTicker()
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int percent : sb::dcase::kSplitPercents) ticker->addTick(percent, QString::number(percent) + QLatin1Char('%'));
    return ticker;
}

QString kindLabel(const std::string& kind)
{
    if (kind == "teacher") return LearningCurvePlot::tr("teacher (mean of a run's teachers)");
    if (kind == "student-nokd") return LearningCurvePlot::tr("student without KD");
    return QString::fromStdString(kind);
}

}  // namespace

LearningCurvePlot::LearningCurvePlot(Theme* theme, QWidget* parent)
    : QWidget(parent), theme_(theme), metric_(new QComboBox(this)),
      plot_(new PlotWidget(tr("Subset learning curve"), theme, this))
{
    metric_->addItem(tr("Accuracy (all devices)"), QStringLiteral("accuracy"));
    metric_->addItem(tr("Accuracy on seen devices"), QStringLiteral("seen"));
    metric_->addItem(tr("Accuracy on unseen devices (s4–s6)"), QStringLiteral("unseen"));
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Metric:"), this));
    row->addWidget(metric_);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(plot_, 1);

    QCustomPlot* plot = plot_->plot();
    plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->xAxis->setTicker(splitTicker());
    plot->xAxis->setLabel(tr("training split (% of the full training set, log scale)"));
    plot->yAxis->setLabel(tr("macro accuracy (%)"));
    // The legend is PlotWidget's compact row under the axes; error bars stay out of it.
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] {
        redraw();
        emit metricChanged(metric());
    });
    if (theme_) connect(theme_, &Theme::changed, this, &LearningCurvePlot::redraw);
    redraw();
}

QStringList LearningCurvePlot::metrics() { return {QStringLiteral("accuracy"), QStringLiteral("seen"), QStringLiteral("unseen")}; }

QString LearningCurvePlot::metric() const { return metric_->currentData().toString(); }

void LearningCurvePlot::setMetric(const QString& metric)
{
    const int i = metric_->findData(metric);
    metric_->setCurrentIndex(i >= 0 ? i : 0);
}

void LearningCurvePlot::setRuns(std::vector<sb::RunRecord> runs)
{
    runs_ = std::move(runs);
    redraw();
}

QColor LearningCurvePlot::kindColor(const std::string& kind, int* others) const
{
    static const char* const order[] = {"teacher", "ensemble", "student", "student-nokd"};
    int slot = -1;
    for (int i = 0; i < 4; ++i)
        if (kind == order[i]) slot = i;
    // Other kinds (student-int8, ...) take the colours after the four known ones, in turn.
    if (slot < 0) slot = 4 + (*others)++;
    return theme_ ? theme_->seriesColor(slot) : QColor(Qt::black);
}

void LearningCurvePlot::redraw()
{
    QCustomPlot* plot = plot_->plot();
    plot->clearPlottables();
    graphs_.clear();
    bars_.clear();
    baseline_ = nullptr;
    baselineBars_ = nullptr;
    lines_ = sb::learningCurve(runs_, metric().toStdString());
    int others = 0;
    for (const sb::CurveLine& line : lines_) {
        const QColor color = kindColor(line.kind, &others);
        auto* graph = plot->addGraph();
        graph->setName(kindLabel(line.kind));
        graph->setPen(QPen(color, 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 7));
        auto* bars = new QCPErrorBars(plot->xAxis, plot->yAxis);
        bars->removeFromLegend();
        bars->setPen(QPen(color, 1.2));
        bars->setWhiskerWidth(6);
        for (const sb::CurvePoint& p : line.points) {
            graph->addData(p.percent, 100.0 * p.mean);
            bars->addData(100.0 * p.std);
        }
        bars->setDataPlottable(graph);
        graphs_.push_back(graph);
        bars_.push_back(bars);
    }
    drawBaseline();
    plot_->setPlaceholder(lines_.empty() ? tr("No finished runs with scores yet.\nRuns of the project appear here as they finish; "
                                              "runs of several split sizes draw the learning curve.")
                                         : QString());
    // The whole 5–100 % range with room for the end markers, whatever the runs cover, as
    // the home ranges: a reset (double-click, export) comes back to them, not to a fit.
    plot->rescaleAxes(true);
    const QCPRange y = plot->yAxis->range();
    plot_->setHomeRanges(QCPRange(4, 125), QCPRange(std::max(0.0, y.lower - 3), std::min(100.0, y.upper + 3)));
    plot_->resetZoom();
}

void LearningCurvePlot::drawBaseline()
{
    // The published baseline is reported for accuracy on all devices only.
    if (metric() != QLatin1String("accuracy")) return;
    QCustomPlot* plot = plot_->plot();
    const QColor color = theme_ ? theme_->foreground() : QColor(Qt::black);
    baseline_ = plot->addGraph();
    baseline_->setName(tr("DCASE 2024 baseline (published)"));
    baseline_->setPen(QPen(color, 1.5, Qt::DashLine));
    baseline_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, color, 6));
    baselineBars_ = new QCPErrorBars(plot->xAxis, plot->yAxis);
    baselineBars_->removeFromLegend();
    baselineBars_->setPen(QPen(color, 1));
    baselineBars_->setWhiskerWidth(6);
    for (const sb::dcase::BaselineResult& b : sb::dcase::kBaseline2024) {
        baseline_->addData(b.splitPercent, b.accuracyPercent);
        baselineBars_->addData(b.stdPercent);
    }
    baselineBars_->setDataPlottable(baseline_);
}

QCPGraph* LearningCurvePlot::graph(const QString& kind) const
{
    for (size_t i = 0; i < lines_.size(); ++i)
        if (QString::fromStdString(lines_[i].kind) == kind) return graphs_[i];
    return nullptr;
}

QCPErrorBars* LearningCurvePlot::errorBars(const QString& kind) const
{
    for (size_t i = 0; i < lines_.size(); ++i)
        if (QString::fromStdString(lines_[i].kind) == kind) return bars_[i];
    return nullptr;
}

QString LearningCurvePlot::csv() const
{
    QString out = QStringLiteral("kind,percent,mean,std,runs,metric\n");
    const QString m = metric();
    for (const sb::CurveLine& line : lines_)
        for (const sb::CurvePoint& p : line.points)
            out += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                       .arg(QString::fromStdString(line.kind))
                       .arg(p.percent, 0, 'g', 6)
                       .arg(100.0 * p.mean, 0, 'f', 4)
                       .arg(100.0 * p.std, 0, 'f', 4)
                       .arg(p.runs)
                       .arg(m);
    // Published: mean and std over 5 runs (CPJKU/dcase2024_task1_baseline README).
    for (const sb::dcase::BaselineResult& b : sb::dcase::kBaseline2024)
        out += QStringLiteral("%1,%2,%3,%4,5,accuracy\n")
                   .arg(QLatin1String(kBaselineKind))
                   .arg(b.splitPercent)
                   .arg(b.accuracyPercent, 0, 'f', 2)
                   .arg(b.stdPercent, 0, 'f', 2);
    return out;
}

}  // namespace sb::ui
