#include "ui/inspector/FeatureImagePlot.h"

#include "ui/plots/ColorMaps.h"

#include <qcustomplot.h>

#include <cmath>

namespace sb::ui {

FeatureImagePlot::FeatureImagePlot(const QString& name, Theme* theme, QWidget* parent)
    : PlotWidget(name, theme, parent), name_(name)
{
    QCustomPlot* p = plot();
    p->legend->setVisible(false);
    p->xAxis->setLabel(tr("seconds"));
    p->yAxis->setLabel(tr("mel bin"));
    map_ = new QCPColorMap(p->xAxis, p->yAxis);
    map_->setName(name);
    map_->setInterpolate(false);  // one cell per frame and bin, as the model sees it
    map_->setGradient(ColorMaps::viridis());
    // Stays in the (hidden) legend: an empty legend caps the width of the axis rect's column.
    scale_ = new QCPColorScale(p);
    scale_->setType(QCPAxis::atRight);
    scale_->setGradient(ColorMaps::viridis());
    scale_->axis()->setLabel(tr("value"));
    p->plotLayout()->addElement(1, 1, scale_);
    map_->setColorScale(scale_);
    // Keep the scale as tall as the axis rect.
    auto* margins = new QCPMarginGroup(p);
    p->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    applyTheme();  // the colour scale's axis follows the theme too
    setHoverText([this](double key, double value) { return hoverText(key, value); });
    clearImage(tr("No clip chosen."));
}

void FeatureImagePlot::setImage(const sb::FeatureMatrix& image, bool framesAreRows, double firstSeconds, double stepSeconds)
{
    frames_ = int(framesAreRows ? image.rows : image.cols);
    bins_ = int(framesAreRows ? image.cols : image.rows);
    first_ = firstSeconds;
    step_ = stepSeconds;
    if (frames_ <= 0 || bins_ <= 0) {
        clearImage(tr("The front end gave an empty image."));
        return;
    }
    QCPColorMapData* cells = map_->data();
    cells->setSize(frames_, bins_);
    cells->setRange(QCPRange(frameSeconds(0), frameSeconds(frames_ - 1)), QCPRange(0, bins_ - 1));
    for (int f = 0; f < frames_; ++f)
        for (int b = 0; b < bins_; ++b) cells->setCell(f, b, double(framesAreRows ? image.at(f, b) : image.at(b, f)));
    map_->rescaleDataRange(true);
    setTitleText(tr("%1: %2 frames × %3 mel bins").arg(name_).arg(frames_).arg(bins_));
    scale_->setVisible(true);
    setPlaceholder({});
    resetZoom();
}

void FeatureImagePlot::clearImage(const QString& text)
{
    frames_ = bins_ = 0;
    map_->data()->clear();
    scale_->setVisible(false);  // a scale of no values would show a made-up range
    setTitleText(name_);
    setPlaceholder(text);
}

double FeatureImagePlot::value(int frame, int bin) const { return map_->data()->cell(frame, bin); }

QString FeatureImagePlot::toCsv() const
{
    if (frames_ <= 0) return {};
    QString csv = QStringLiteral("frame,bin,value\n");
    csv.reserve(frames_ * bins_ * 16);
    for (int f = 0; f < frames_; ++f)
        for (int b = 0; b < bins_; ++b)
            csv += QStringLiteral("%1,%2,%3\n").arg(f).arg(b).arg(QString::number(value(f, b), 'g', 7));
    return csv;
}

void FeatureImagePlot::setTitleText(const QString& text)
{
    if (auto* title = qobject_cast<QCPTextElement*>(plot()->plotLayout()->element(0, 0))) title->setText(text);
    plot()->replot(QCustomPlot::rpQueuedReplot);
}

QString FeatureImagePlot::hoverText(double seconds, double bin) const
{
    if (frames_ <= 0 || step_ <= 0) return {};
    const int f = int(std::lround((seconds - first_) / step_));
    const int b = int(std::lround(bin));
    if (f < 0 || f >= frames_ || b < 0 || b >= bins_) return {};
    return tr("frame %1 (%2 s), mel bin %3: %4").arg(f).arg(frameSeconds(f), 0, 'f', 3).arg(b).arg(value(f, b), 0, 'g', 4);
}

}  // namespace sb::ui
