#pragma once
// What the Confusion view draws and exports, computed from a run's evaluation: the
// cells of a confusion matrix (counts or row-normalised %), of a difference matrix
// (the difference matrix: MatrixPlot::differenceCells) and of the device x scene accuracy map, and the same numbers as CSV text.
// Free functions on plain data; any thread.
#include "core/results/Evaluation.h"
#include "ui/plots/MatrixPlot.h"

#include <QStringList>

namespace sb::ui::confusion {

// "airport" -> "air", "metro_station" -> "mst": short tick labels for small matrices.
QString abbreviate(const QString& scene);
QStringList abbreviate(const QStringList& scenes);

// The matrix's counts (or % of each true class when normalised), coloured over [0, countMax]
// (or [0, 100]); small: abbreviated labels.
MatrixPlot::Cells confusionCells(const sb::ConfusionMatrix& matrix, const QStringList& classes, bool normalised,
                                 double countMax, bool small);
// Rows: devices (sb::dcase::kDevices), columns: scenes; each cell the share of the
// device's clips of that scene classified right (NaN when the device has none).
MatrixPlot::Cells accuracyCells(const sb::EvaluationResult& evaluation, const QStringList& classes);

// The device row labels of accuracyCells: "s4 (unseen)" for devices absent from training.
QString deviceTitle(const QString& device);

// CSV: "device,<classes>,macro" with per-class accuracies within the device.
QString accuracyCsv(const sb::EvaluationResult& evaluation, const QStringList& classes);

}  // namespace sb::ui::confusion
