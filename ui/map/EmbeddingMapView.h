#pragma once
// The Embedding map view: t-SNE or PCA maps of a run's model embeddings, coloured by
// scene, device, city or correct/wrong, with hover read-out, click-to-play, and a lasso
// that fills a clip list. Two maps side by side (the paper's Figure 2: "KD vs no-KD",
// student and student-nokd) share colours, legend and selection: a lasso on either
// selects the same clips (by file name) on both. Maps saved in the run are shown at once;
// new ones animate while t-SNE optimises and can be paused or cancelled. GUI thread only.
#include "ui/map/MapColouring.h"
#include "ui/workbench/WorkbenchView.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QModelIndex;
class QPushButton;
class QTableView;

namespace sb::ui {

class MapPanel;
class SelectionModel;

class EmbeddingMapView : public WorkbenchView {
    Q_OBJECT
public:
    explicit EmbeddingMapView(WorkbenchContext* context, QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("map"); }
    QString title() const override { return tr("Embedding map"); }
    QString iconName() const override { return QStringLiteral("map"); }
    // {"left": model, "right": model or "", "method": "tsne"/"pca", "colour": "scene"/...}
    QJsonObject state() const override;
    void applyState(const QJsonObject& state) override;
    // map-<model>-<method>.csv per map shown and map-selection.csv (the lasso's clips).
    void exportData(const QString& directory, QStringList* written, QStringList* errors) const override;
    // The maps shown (the right one only beside another).
    QList<PlotWidget*> plots() const override;

    // Shows left's map (and right's beside it; "" for one map) made with method.
    void showModels(const QString& left, const QString& right, const QString& method);
    // The paper's Figure 2: student (left) and student-nokd (right), t-SNE.
    void showKdComparison();
    void setColouring(MapColouring::By by);
    void recompute();
    void setPaused(bool paused);
    void cancel();
    // Slow t-SNE down for a classroom demo (ms per snapshot; 0: full speed).
    void setAnimationPace(int msPerSnapshot);

    MapPanel* leftPanel() const { return left_; }
    MapPanel* rightPanel() const { return right_; }
    SelectionModel* selection() const { return selection_; }
    QTableView* selectionView() const { return table_; }
    QStringList models() const { return models_; }

protected:
    void runChanged(const QString& directory) override;
    void clipChanged(const ClipRef& clip) override;

private:
    QWidget* buildControls();
    QWidget* buildSelectionPane();
    void reloadModels();
    void syncControls();
    void showPanels();
    void updateColouring();
    void updateHighlights();
    void updateButtons();
    void refreshSelection();
    void onLasso(const QStringList& filenames, bool extend);
    void playClip(const QString& filename);
    void selectFromList(const QModelIndex& index);
    QString selectionCsv() const;
    bool rightShown() const { return !rightModel_.isEmpty(); }

    MapPanel* left_;
    MapPanel* right_;
    SelectionModel* selection_;
    QTableView* table_ = nullptr;
    QLabel* selectionLabel_ = nullptr;
    QComboBox* leftCombo_ = nullptr;
    QComboBox* rightCombo_ = nullptr;
    QComboBox* methodCombo_ = nullptr;
    QComboBox* colourCombo_ = nullptr;
    QPushButton* kdButton_ = nullptr;
    QPushButton* recomputeButton_ = nullptr;
    QPushButton* pauseButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QPushButton* lassoButton_ = nullptr;
    QCheckBox* slowMotion_ = nullptr;
    QStringList models_;
    QString leftModel_, rightModel_;
    QString method_ = QStringLiteral("tsne");
    MapColouring::By by_ = MapColouring::By::Scene;
};

}  // namespace sb::ui
