#pragma once
// The Confusion view: for one model of the current run, a confusion matrix per recording
// device (a, b, c, s1-s6; the unseen s4-s6 marked) and the overall one, counts or
// row-normalised %; a device x scene accuracy map with the seen/unseen gap; optionally a
// second model side by side with the difference matrix (B - A) and the agreement rate.
// A click on a cell lists exactly the clips behind it with the ensemble's and the
// student's top-3; a row becomes the shared current clip, Space plays it, Left/Right
// step through the misclassified clips. Predictions load on the job bridge.
// GUI thread only.
#include "core/results/ModelComparison.h"
#include "ui/workbench/RunPredictions.h"
#include "ui/jobs/JobSlot.h"
#include "ui/workbench/WorkbenchView.h"

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;

namespace sb::ui {

class ClipListModel;
class ComparePanel;
class DeviceMatrixGrid;
class MatrixPlot;

class ConfusionView : public WorkbenchView {
    Q_OBJECT
public:
    explicit ConfusionView(WorkbenchContext* context, QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("confusion"); }
    QString title() const override { return tr("Confusion"); }
    QString iconName() const override { return QStringLiteral("confusion"); }
    QJsonObject state() const override;
    void applyState(const QJsonObject& state) override;
    void exportData(const QString& directory, QStringList* written, QStringList* errors) const override;

    QString model() const;
    void setModel(const QString& model);
    QString compareModel() const;  // empty: not comparing
    void setCompareModel(const QString& model);
    bool normalised() const;
    void setNormalised(bool normalised);

    bool isLoading() const { return loadSlot_.isRunning(); }
    // The line above the plots: loading, the error, or the model's seen/unseen gap.
    QString statusText() const;
    QString agreementText() const;
    const sb::ModelComparison* comparison() const;
    const RunPredictions* predictions() const { return data_.get(); }

    // The matrix of a device ("" = all devices) of the chosen model.
    MatrixPlot* matrixPlot(const QString& device) const;
    MatrixPlot* accuracyPlot() const { return accuracy_; }
    ComparePanel* comparePanel() const { return comparePanel_; }
    MatrixPlot* differencePlot() const;
    QTabWidget* tabs() const { return tabs_; }
    ClipListModel* clipModel() const { return clips_; }
    QTableView* clipTable() const { return table_; }

    // What a click on a cell of model's matrix of device ("" = all) does; difference:
    // the difference matrix's cell (the clips that moved into or out of it).
    void clickCell(const QString& device, int truth, int predicted);
    void clickCell(const QString& model, const QString& device, int truth, int predicted, bool difference = false);
    // Selects the next (+1) / previous (-1) misclassified clip of the current matrix.
    void stepMisclassified(int direction);
    // Space: plays (or stops) the current clip.
    void togglePlayback();

signals:
    void loaded();    // the run's predictions (or why not) are shown
    void compared();  // the comparison (or why not) is shown

protected:
    void runChanged(const QString& directory) override;
    void clipChanged(const ClipRef& clip) override;

private:
    struct Cell {
        QString model;
        QString device;  // "" = all devices
        int truth = -1;
        int predicted = -1;
        bool difference = false;
    };
    void buildLayout();
    void connectControls();
    void load(const QString& directory);
    void showPredictions(std::shared_ptr<const RunPredictions> result);
    void showModel();
    void showAll(const QString& placeholder);
    void startCompare();
    void showCell(const Cell& cell);
    std::vector<std::string> cellClips(const Cell& cell, const RunPredictions::Model& model) const;
    void selectClip(const QString& filename);
    void showPendingCell();
    QStringList classNames() const;
    const RunPredictions::Model* current() const;

    JobSlot loadSlot_;
    std::shared_ptr<const RunPredictions> data_;
    // Model and compare model asked for (applyState) before the predictions arrive.
    bool hasPending_ = false;
    QString pendingModel_, pendingCompare_;
    QJsonObject pendingCell_;  // the cell a project remembered, listed once the predictions are in
    Cell cell_;

    QComboBox* model_;
    QComboBox* compare_;
    QCheckBox* normalised_;
    QLabel* status_;
    QTabWidget* tabs_;
    DeviceMatrixGrid* matrices_;
    MatrixPlot* accuracy_;
    ComparePanel* comparePanel_;
    QLabel* clipsLabel_;
    ClipListModel* clips_;
    QTableView* table_;
};

}  // namespace sb::ui
