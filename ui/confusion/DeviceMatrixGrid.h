#pragma once
// The Confusion view's main page: one small confusion matrix per recording device
// (a, b, c, s1-s6 in sb::dcase::kDevices order; the unseen s4-s6 titled "(unseen)" in
// another colour inside a dashed frame), sharing one colour scale so devices compare,
// beside the larger overall matrix with full scene names. GUI thread only.
#include "core/results/Evaluation.h"

#include <QList>
#include <QSplitter>

namespace sb::ui {

class MatrixPlot;
class Theme;

class DeviceMatrixGrid : public QSplitter {
    Q_OBJECT
public:
    explicit DeviceMatrixGrid(Theme* theme, QWidget* parent = nullptr);

    void setMatrices(const sb::EvaluationResult& evaluation, const QStringList& classes, bool normalised);
    void clear(const QString& text);
    // The matrix of a device; "" for the overall one. Null for an unknown device.
    MatrixPlot* plot(const QString& device) const;

signals:
    // device: "" for the overall matrix.
    void cellClicked(const QString& device, int row, int column);

private:
    QList<MatrixPlot*> devices_;
    MatrixPlot* overall_;
};

}  // namespace sb::ui
