#pragma once
// Two runs side by side for one model (student by default): per-device accuracy in run A
// and run B with the delta (B − A), the overall/seen/unseen deltas, the share of clips
// both predict alike, and the difference confusion matrix (counts of B minus counts of
// A) as a diverging, colour-blind-safe heatmap with the values written in the cells.
// Both predictions.csv files load on a job (sb::compareModels on the common clips).
// GUI thread only.
#include "core/results/ModelComparison.h"
#include "ui/jobs/JobSlot.h"

#include <QWidget>

#include <optional>

class QCPColorMap;
class QLabel;
class QTableWidget;

namespace sb::ui {

class MatrixPlot;
class Theme;

class RunComparisonPanel : public QWidget {
    Q_OBJECT
public:
    RunComparisonPanel(JobBridge* bridge, Theme* theme, QWidget* parent = nullptr);

    // Loads `model`'s predictions of both runs and shows them; comparisonShown() follows
    // (also when it fails: errorText() says why).
    void compare(const QString& runA, const QString& runB, const QString& model);
    void clear();

    bool isLoading() const { return slot_.isRunning(); }
    bool hasComparison() const { return comparison_.has_value(); }
    const sb::ModelComparison* comparison() const { return comparison_ ? &*comparison_ : nullptr; }
    QString runA() const { return runA_; }
    QString runB() const { return runB_; }
    QString model() const { return model_; }
    QString errorText() const { return error_; }
    QString summaryText() const;
    QTableWidget* deviceTable() const { return devices_; }
    MatrixPlot* matrixPlot() const { return matrix_; }
    // The difference matrix's colour map while a comparison is shown, else null.
    QCPColorMap* colorMap() const;

    // runs-comparison.csv: measure, a, b, delta (accuracies in %; agreement in % in "a").
    QString csv() const;
    // The difference matrix: true class, then one column per predicted class.
    QString matrixCsv() const;

signals:
    void comparisonShown();

private:
    struct Result;
    void show(const Result& result);
    void fillDevices();
    void drawMatrix();

    JobSlot slot_;
    QLabel* summary_;
    QTableWidget* devices_;
    MatrixPlot* matrix_;
    std::optional<sb::ModelComparison> comparison_;
    QString runA_, runB_, model_, error_;
};

}  // namespace sb::ui
