#pragma once
// A front-end image (BEATs fbank or CpMel) drawn as a model receives it: one cell per
// frame and mel bin, no interpolation, viridis with a colour scale, time in seconds on x
// (frame centres), mel bin on y, and the image's shape in the title. GUI thread only.
#include "core/features/FrontEnd.h"
#include "ui/plots/PlotWidget.h"

class QCPColorMap;
class QCPColorScale;

namespace sb::ui {

class FeatureImagePlot : public PlotWidget {
    Q_OBJECT
public:
    // name: what the title calls the image ("BEATs fbank").
    FeatureImagePlot(const QString& name, Theme* theme, QWidget* parent = nullptr);

    // image is (frames, bins) when framesAreRows (Kaldi fbank) or (bins, frames) (CpMel).
    // Frame f is centred at firstSeconds + f * stepSeconds.
    void setImage(const sb::FeatureMatrix& image, bool framesAreRows, double firstSeconds, double stepSeconds);
    // Empties the image and shows text instead.
    void clearImage(const QString& text);

    int frames() const { return frames_; }
    int bins() const { return bins_; }
    // The value drawn at (frame, bin).
    double value(int frame, int bin) const;
    double frameSeconds(int frame) const { return first_ + frame * step_; }
    QCPColorMap* colorMap() const { return map_; }

    // (frame, bin, value) CSV of the image; empty when there is none.
    QString toCsv() const;

private:
    void setTitleText(const QString& text);
    QString hoverText(double seconds, double bin) const;

    QString name_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    int frames_ = 0;
    int bins_ = 0;
    double first_ = 0;
    double step_ = 0;
};

}  // namespace sb::ui
