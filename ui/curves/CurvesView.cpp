#include "ui/curves/CurvesView.h"

#include "ui/curves/RunFollower.h"
#include "ui/curves/RunMetricsModel.h"
#include "ui/main/Theme.h"
#include "ui/plots/PlotWidget.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QCheckBox>
#include <QDir>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace sb::ui {

namespace {

bool isValidation(const QString& metric) { return metric.startsWith(QLatin1String("val_")); }

// Train and step data solid, validation dashed, KD dash-dotted (it shares a plot with CE).
Qt::PenStyle penStyleFor(const QString& metric)
{
    if (isValidation(metric)) return Qt::DashLine;
    if (metric == QLatin1String("kd")) return Qt::DashDotLine;
    return Qt::SolidLine;
}

// What a line style stands for in the compact legend.
QString styleName(const RunMetricsModel::Series& s)
{
    if (s.metric == QLatin1String("lr")) return QObject::tr("learning rate");
    const bool epoch = s.event == QLatin1String("epoch");
    if (s.metric == QLatin1String("kd") || s.metric == QLatin1String("ce"))
        return s.metric.toUpper() + (epoch ? QObject::tr(" (epoch)") : QObject::tr(" per step"));
    if (!epoch) return QObject::tr("per step (smoothed)");
    return isValidation(s.metric) ? QObject::tr("validation (epoch)") : QObject::tr("train (epoch)");
}

QString seriesName(const RunMetricsModel::Series& s)
{
    const QString what = s.event == QLatin1String("epoch") && !s.metric.contains(QLatin1Char('_'))
                             ? s.metric + QStringLiteral(" (epoch)")
                             : s.metric;
    return s.model.isEmpty() ? what : s.model + QLatin1Char(' ') + what;
}

}  // namespace

CurvesView::CurvesView(WorkbenchContext* context, QWidget* parent)
    : WorkbenchView(context, parent), theme_(context->theme()), model_(new RunMetricsModel(this)),
      follower_(new RunFollower(model_, this))
{
    Theme* theme = theme_;
    setObjectName(QStringLiteral("curves"));
    loss_ = new PlotWidget(tr("Loss"), theme, this);
    accuracy_ = new PlotWidget(tr("Accuracy"), theme, this);
    distillation_ = new PlotWidget(tr("Distillation terms (CE, KD)"), theme, this);
    learningRate_ = new PlotWidget(tr("Learning rate"), theme, this);
    plots_ = {loss_, accuracy_, distillation_, learningRate_};
    for (PlotWidget* p : plots_) p->plot()->xAxis->setLabel(tr("step"));
    // Teachers fine-tune at ~1e-5, students train at ~1e-3: only a log axis shows both.
    learningRate_->plot()->yAxis->setScaleType(QCPAxis::stLogarithmic);
    learningRate_->plot()->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    loss_->plot()->yAxis->setLabel(tr("loss"));
    accuracy_->plot()->yAxis->setLabel(tr("accuracy"));
    distillation_->plot()->yAxis->setLabel(tr("loss term"));
    learningRate_->plot()->yAxis->setLabel(tr("learning rate"));

    runLabel_ = new QLabel(tr("No run open."), this);
    runLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* open = new QPushButton(QIcon(QStringLiteral(":/icons/open.svg")), tr("Open Run…"), this);
    connect(open, &QPushButton::clicked, this, &CurvesView::openRunRequested);
    smoothingSlider_ = new QSlider(Qt::Horizontal, this);
    smoothingSlider_->setRange(0, 99);
    smoothingSlider_->setMaximumWidth(160);
    smoothingSlider_->setToolTip(tr("Exponential moving average of the per-step data; the raw data stays visible."));
    smoothingLabel_ = new QLabel(this);
    showSteps_ = new QCheckBox(tr("Steps"), this);
    showEpochs_ = new QCheckBox(tr("Epochs"), this);
    showSteps_->setChecked(true);
    showEpochs_->setChecked(true);
    summary_ = new QLabel(this);

    auto* controls = new QHBoxLayout;
    controls->addWidget(open);
    controls->addWidget(runLabel_, 1);
    controls->addWidget(new QLabel(tr("Smoothing"), this));
    controls->addWidget(smoothingSlider_);
    controls->addWidget(smoothingLabel_);
    controls->addWidget(showSteps_);
    controls->addWidget(showEpochs_);

    auto* grid = new QWidget(this);
    auto* gridLayout = new QGridLayout(grid);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addWidget(loss_, 0, 0);
    gridLayout->addWidget(accuracy_, 0, 1);
    gridLayout->addWidget(distillation_, 1, 0);
    gridLayout->addWidget(learningRate_, 1, 1);

    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 4);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Size the columns to the rows in view (the latest events), not to a sample from the top.
    table_->horizontalHeader()->setResizeContentsPrecision(0);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(grid);
    splitter->addWidget(table_);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({600, 120});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);
    layout->addWidget(summary_);

    connect(smoothingSlider_, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
    connect(showSteps_, &QCheckBox::toggled, this, &CurvesView::applyVisibility);
    connect(showEpochs_, &QCheckBox::toggled, this, &CurvesView::applyVisibility);
    connect(model_, &QAbstractItemModel::modelReset, this, &CurvesView::clearGraphs);
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!table_->isVisible()) return;
        table_->scrollToBottom();
        // Appended rows do not re-fit the columns by themselves: a live run's longer
        // values (a decaying learning rate) would show elided.
        table_->horizontalHeader()->resizeSections(QHeaderView::ResizeToContents);
    });
    connect(follower_, &RunFollower::runChanged, this, [this](const QString& dir) {
        runLabel_->setText(dir.isEmpty() ? tr("No run open.") : QDir::toNativeSeparators(dir));
        emit runDirectoryChanged(dir);
    });
    if (theme_) connect(theme_, &Theme::changed, this, &CurvesView::restyle);

    smoothingSlider_->setValue(int(alpha_ * 100 + 0.5));
    smoothingLabel_->setText(QString::number(alpha_, 'f', 2));
    redrawTimer_.setInterval(kRedrawMs);
    connect(&redrawTimer_, &QTimer::timeout, this, &CurvesView::redraw);
    redrawTimer_.start();
    updateSummary();
}

void CurvesView::setRunDirectory(const QString& directory) { follower_->setRunDirectory(directory); }

void CurvesView::runChanged(const QString& directory)
{
    if (directory != runDirectory()) setRunDirectory(directory);
}

QString CurvesView::runDirectory() const { return follower_->runDirectory(); }

void CurvesView::setSmoothing(double alpha)
{
    alpha = qBound(0.0, alpha, 0.99);
    if (qFuzzyCompare(alpha + 1, alpha_ + 1)) return;
    alpha_ = alpha;
    const QSignalBlocker block(smoothingSlider_);
    smoothingSlider_->setValue(int(alpha * 100 + 0.5));
    smoothingLabel_->setText(QString::number(alpha, 'f', 2));
    restartSmoothing();
    emit smoothingChanged(alpha_);
}

void CurvesView::setCompact(bool compact) { table_->setVisible(!compact); }

PlotWidget* CurvesView::plotFor(const RunMetricsModel::Series& series) const
{
    const QString& metric = series.metric;
    // The per-epoch learning rate repeats the last step's; the step curve says it all.
    if (metric == QLatin1String("lr")) return series.event == QLatin1String("step") ? learningRate_ : nullptr;
    if (metric == QLatin1String("ce") || metric == QLatin1String("kd")) return distillation_;
    if (metric.endsWith(QLatin1String("loss"))) return loss_;
    if (metric.endsWith(QLatin1String("acc"))) return accuracy_;
    return nullptr;  // a key this view does not plot (it is still in the table)
}

void CurvesView::redraw()
{
    if (model_->revision() == drawnRevision_) return;
    drawnRevision_ = model_->revision();
    bindNewSeries();
    for (Binding& b : bindings_) appendNewPoints(b);
    for (PlotWidget* p : plots_) {
        const bool empty = p->plot()->graphCount() == 0;
        p->setPlaceholder(!empty ? QString()
                          : model_->series().isEmpty() ? tr("No run yet: press F5 to run the experiment, or open a run folder.")
                                                       : tr("Nothing of this kind in this run."));
        p->refresh();
    }
    updateSummary();
}

void CurvesView::bindNewSeries()
{
    const auto& all = model_->series();
    QVector<bool> bound(all.size(), false);
    QVector<PlotWidget*> touched;
    for (const Binding& b : std::as_const(bindings_)) bound[b.series] = true;
    for (int i = 0; i < all.size(); ++i) {
        if (bound[i]) continue;
        const RunMetricsModel::Series& s = all[i];
        PlotWidget* plot = plotFor(s);
        if (!plot) {
            bindings_.append(Binding{i, nullptr, nullptr, nullptr});
            continue;
        }
        const QColor color = theme_ ? theme_->seriesColor(int(model_->models().indexOf(s.model))) : QColor(Qt::blue);
        QCustomPlot* cp = plot->plot();
        Binding b{i, plot, cp->addGraph(), nullptr};
        b.raw->setName(seriesName(s));
        b.raw->removeFromLegend();  // the compact legend labels colours and styles instead
        if (s.event == QLatin1String("epoch")) {
            b.raw->setPen(QPen(color, 1.6, penStyleFor(s.metric)));
            b.raw->setScatterStyle(QCPScatterStyle(isValidation(s.metric) ? QCPScatterStyle::ssCircle
                                                                          : QCPScatterStyle::ssSquare, 5));
        } else if (s.metric == QLatin1String("lr")) {
            // The learning rate is not noisy: a moving average would only draw it late.
            b.raw->setPen(QPen(color, 1.6, penStyleFor(s.metric)));
        } else {
            QColor faint = color;
            faint.setAlphaF(0.3);
            b.raw->setPen(QPen(faint, 1, penStyleFor(s.metric)));
            b.raw->removeFromLegend();
            b.smooth = cp->addGraph();
            b.smooth->setName(seriesName(s));
            b.smooth->setPen(QPen(color, 1.6, penStyleFor(s.metric)));
            b.smooth->removeFromLegend();
        }
        bindings_.append(b);
        touched << plot;
    }
    for (PlotWidget* plot : std::as_const(touched)) rebuildLegend(plot);
    applyVisibility();
}

void CurvesView::rebuildLegend(PlotWidget* plot)
{
    QCustomPlot* cp = plot->plot();
    for (QCPGraph* key : legendKeys_.value(plot)) cp->removeGraph(key);
    QVector<QCPGraph*> keys;
    auto addKey = [&](const QString& name, const QPen& pen, const QCPScatterStyle& scatter) {
        QCPGraph* key = cp->addGraph();
        key->setName(name);
        key->setPen(pen);
        key->setScatterStyle(scatter);
        keys << key;
    };
    // One colour per model, then one style per kind of series, in the order first seen.
    QStringList models, kinds;
    QHash<QString, const Binding*> kindExample;
    for (const Binding& b : std::as_const(bindings_)) {
        if (b.plot != plot) continue;
        const RunMetricsModel::Series& s = model_->series()[b.series];
        if (!models.contains(s.model)) models << s.model;
        const QString kind = styleName(s);
        if (!kinds.contains(kind)) {
            kinds << kind;
            kindExample.insert(kind, &b);
        }
    }
    for (const QString& m : std::as_const(models)) {
        const QColor color = theme_ ? theme_->seriesColor(int(model_->models().indexOf(m))) : QColor(Qt::blue);
        addKey(m.isEmpty() ? tr("run") : m, QPen(color, 4), QCPScatterStyle());
    }
    const QColor neutral = theme_ ? theme_->foreground() : QColor(Qt::black);
    for (const QString& kind : std::as_const(kinds)) {
        const Binding* b = kindExample.value(kind);
        const QCPGraph* shown = b->smooth ? b->smooth : b->raw;
        QPen pen = shown->pen();
        pen.setColor(neutral);
        QCPScatterStyle scatter = shown->scatterStyle();
        scatter.setPen(QPen(neutral));
        addKey(kind, pen, scatter);
    }
    legendKeys_.insert(plot, keys);
}

void CurvesView::appendNewPoints(Binding& b)
{
    if (!b.plot) return;
    const QVector<QPointF>& points = model_->series()[b.series].points;
    for (int i = b.consumed; i < points.size(); ++i) {
        const QPointF& p = points[i];
        b.raw->addData(p.x(), p.y());
        if (!b.smooth) continue;
        b.ema = i == 0 ? p.y() : alpha_ * b.ema + (1 - alpha_) * p.y();
        b.smooth->addData(p.x(), b.ema);
    }
    b.consumed = int(points.size());
}

void CurvesView::restartSmoothing()
{
    for (Binding& b : bindings_) {
        if (!b.smooth) continue;
        b.smooth->data()->clear();
        const QVector<QPointF>& points = model_->series()[b.series].points;
        for (int i = 0; i < b.consumed; ++i) {
            b.ema = i == 0 ? points[i].y() : alpha_ * b.ema + (1 - alpha_) * points[i].y();
            b.smooth->addData(points[i].x(), b.ema);
        }
    }
    applyVisibility();
}

void CurvesView::applyVisibility()
{
    for (const Binding& b : std::as_const(bindings_)) {
        if (!b.plot) continue;
        if (b.smooth) {
            b.smooth->setVisible(showSteps_->isChecked());
            // With no smoothing the smoothed line is the raw data: draw it once.
            b.raw->setVisible(showSteps_->isChecked() && alpha_ > 0);
        } else {
            b.raw->setVisible(showEpochs_->isChecked());
        }
    }
    for (PlotWidget* p : plots_) p->refresh();
}

void CurvesView::clearGraphs()
{
    for (PlotWidget* p : plots_) {
        p->plot()->clearGraphs();
        p->resetZoom();
    }
    bindings_.clear();
    legendKeys_.clear();
    drawnRevision_ = ~quint64(0);
}

void CurvesView::restyle()
{
    // Series colours come from the theme; rebuilding the graphs recolours them.
    clearGraphs();
    redraw();
}

void CurvesView::updateSummary()
{
    const int events = model_->rowCount();
    if (events == 0) {
        summary_->setText(runDirectory().isEmpty() ? tr("Open a run directory to see its curves.")
                                                   : tr("Waiting for metrics.jsonl…"));
        return;
    }
    const MetricEvent& last = model_->event(events - 1);
    QString text = tr("%1 events · models: %2 · last: %3 %4").arg(events).arg(model_->models().join(QStringLiteral(", ")),
                                                                             last.model, last.event);
    if (last.epoch >= 0) text += tr(", epoch %1").arg(last.epoch);
    if (last.step >= 0) text += tr(", step %1").arg(last.step);
    if (!follower_->problems().isEmpty()) text += tr(" · %1 unreadable lines skipped").arg(follower_->problems().size());
    summary_->setText(text);
}

}  // namespace sb::ui
