#pragma once
// The Dataset view: open a TAU22 folder (or the built-in demo, generated on first use
// into sb::demoDatasetFolder(), where runs find it too), see the clips per scene x
// device (x city) as a table and a heatmap, pick the subset (official split or custom percentage with a seed) and see
// live what it holds and how it differs from the full training set, read the validation
// report (never fatal), and audition any clip (which becomes the workbench's current
// clip). Loading, generating and selecting run on the job bridge. GUI thread only.
#include "core/data/DatasetIndex.h"
#include "core/data/SubsetChoice.h"
#include "ui/jobs/JobSlot.h"
#include "ui/workbench/WorkbenchView.h"

#include <QJsonObject>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QTableView;
class QTreeWidget;

namespace sb::ui {

class ClipAudition;
class DatasetCountsModel;
class PlotWidget;
class SubsetControl;
class Theme;

class DatasetView : public WorkbenchView {
    Q_OBJECT
public:
    explicit DatasetView(WorkbenchContext* context, QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("dataset"); }
    QString title() const override { return tr("Dataset"); }

    // Where the demo dataset lives (generated there on first use).
    static QString demoFolder();
    static bool demoAvailable();

    void openFolder(const QString& root);
    void openDemo();
    // Loads the current source again (Run / F5); false if there is none or it is loading.
    bool reload();
    bool canReload() const;
    bool isLoading() const { return loadSlot_.isRunning(); }

    QJsonObject state() const override;
    // Relative paths in state are taken from projectFolder.
    void applyState(const QJsonObject& state, const QString& projectFolder);
    void applyState(const QJsonObject& state) override;

    const sb::DatasetIndex* index() const { return index_.get(); }
    const sb::Selection& selection() const { return selection_; }
    DatasetCountsModel* countsModel() const { return counts_; }
    SubsetControl* subsetControl() const { return subset_; }
    PlotWidget* heatmap() const { return heatmap_; }
    ClipAudition* audition() const { return audition_; }
    QString summaryText() const;

    // The clips behind one cell of the counts table (row: scene or city; column: device;
    // the total row/column matches any), at most `limit`.
    std::vector<size_t> clipsInCell(int row, int column, size_t limit) const;

signals:
    void datasetLoaded();
    void selectionShown();
    void runnableChanged();

private:
    struct SelectionResult;
    void load(const QString& title, const QString& root, bool demo);
    void showIndex(std::shared_ptr<const sb::DatasetIndex> index);
    void updateSelection();
    void showSelection(const SelectionResult& result);
    void drawHeatmap();
    void showClips(int row, int column);
    void showReport();
    void clipChosen(size_t clip);

    JobBridge* bridge_;
    JobSlot loadSlot_;
    JobSlot selectSlot_;
    std::shared_ptr<const sb::DatasetIndex> index_;
    sb::Selection selection_;
    QString source_;  // dataset root, empty when none
    bool demo_ = false;
    bool autoSelecting_ = false;  // the first clip shown on load, not one the user picked

    QLabel* sourceLabel_;
    SubsetControl* subset_;
    QComboBox* rows_;
    QComboBox* display_;
    QLabel* summary_;
    QTableView* table_;
    DatasetCountsModel* counts_;
    PlotWidget* heatmap_;
    QTreeWidget* report_;
    QLabel* clipsLabel_;
    QListWidget* clips_;
    ClipAudition* audition_;
};

}  // namespace sb::ui
