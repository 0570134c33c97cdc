#pragma once
// The complexity meter: TF-SepNet width, depth and mel bins in; parameters, parameter
// memory at fp32/fp16/int8 (the Task 1 rule: one byte per parameter) against the 128 kB
// limit, the bytes the int8 student's checkpoint really stores (BatchNorm folded, plus
// scales, biases and zero points) against the same limit, MACs against 30 M, a green or
// red verdict and a per-layer table out, updated as the values change. The measurement
// (a forward pass through sb::measureTfSepNet) runs on the job bridge; a newer edit
// supersedes an older measurement. Values the experiment file would refuse are not
// measured: the meter says what is wrong instead. The main window keeps it on the
// experiment's student (both ways). GUI thread only.
#include "core/models/Complexity.h"
#include "ui/jobs/JobSlot.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QSpinBox;
class QTableView;

namespace sb::ui {

class ComplexityLayerModel;
class JobBridge;

class ComplexityMeter : public QWidget {
    Q_OBJECT
public:
    explicit ComplexityMeter(JobBridge* bridge, QWidget* parent = nullptr);

    // Shows (and measures) these values; no valuesEdited. Unchanged values do nothing.
    void setValues(int width, int depth, int mels);
    int width() const;
    int depth() const;
    int mels() const;

    // The latest measurement shown (empty model name before the first one).
    const sb::ModelComplexity& complexity() const;
    ComplexityLayerModel* layerModel() const { return layers_; }
    QString verdictText() const;
    bool withinLimits() const;
    // The int8 student's stored bytes as shown ("140.3 kB of 128.0 kB, 12.3 kB over").
    QString int8ModelText() const;

    // The frames the student's front end (CpMel, 32 kHz, hop 500) gives for a 1-s clip:
    // 64, as the reference features have (docs/audio-and-features.md; science.md's "65"
    // ignores the one sample the valid pre-emphasis drops).
    static int framesPerSecond();

signals:
    void valuesEdited();
    void measured();

private:
    void measureSoon();
    void measure();
    void show(const sb::ModelComplexity& complexity);
    void showError(const QString& message);

    JobSlot slot_;
    QTimer debounce_;
    QSpinBox* width_;
    QSpinBox* depth_;
    QSpinBox* mels_;
    QLabel* params_;
    QLabel* bytes_;
    QProgressBar* memoryBar_;
    QLabel* int8Model_;
    QProgressBar* int8ModelBar_;
    QProgressBar* macsBar_;
    QLabel* macs_;
    QLabel* verdict_;
    QTableView* table_;
    ComplexityLayerModel* layers_;
    bool error_ = false;
};

}  // namespace sb::ui
