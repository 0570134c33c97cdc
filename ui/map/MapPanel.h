#pragma once
// One embedding map of one model of a run: shows the map saved in the run directory
// (models/<model>/map_<method>.npy/.json) at once, or computes it on a JobSlot (then it
// is saved for next time). While t-SNE optimises, the job hands its snapshots to a
// SnapshotBuffer and a 15 Hz timer draws the newest, so the map forms before your eyes;
// pause, resume and cancel reach the running job. When done, the status line shows the
// map's trustworthiness and k-NN accuracy. GUI thread only.
#include "core/embed/MapFiles.h"
#include "ui/jobs/JobSlot.h"
#include "ui/map/MapClips.h"
#include "ui/map/MapColouring.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QLabel;

namespace sb::ui {

class JobBridge;
class ScatterMap;
class SnapshotBuffer;
class Theme;

class MapPanel : public QWidget {
    Q_OBJECT
public:
    // The results of the panel's jobs (defined in the .cpp).
    struct Loaded;
    struct Computed;
    enum class State { Empty, Loading, Computing, Paused, Ready, Cancelled, Failed };
    static constexpr int kRedrawMs = 66;  // ~15 frames a second while t-SNE runs

    MapPanel(const QString& title, JobBridge* jobs, Theme* theme, QWidget* parent = nullptr);

    // The saved map of model if the run has one (and it is not older than the
    // embeddings), else computes it. method: "tsne" or "pca".
    void showMap(const QString& runDirectory, const QString& model, const QString& method);
    // Computes the map again (and saves it), even if one is saved.
    void recompute();
    void setPaused(bool paused);
    void cancel();
    // Empties the map and shows message in its place.
    void clear(const QString& message);
    // Slows t-SNE down to at least this many ms per snapshot (a classroom demo); 0: full speed.
    void setAnimationPace(int msPerSnapshot);

    void setColouring(MapColouring::By by, const QStringList& categories);
    void setHighlight(const QString& currentFilename, const QSet<QString>& selected);

    ScatterMap* map() const { return map_; }
    const MapClips& clips() const { return clips_; }
    // x0 y0 x1 y1 ...: the map shown (a snapshot while t-SNE runs).
    const std::vector<float>& positions() const { return positions_; }
    const std::optional<sb::MapInfo>& info() const { return info_; }
    QString runDirectory() const { return run_; }
    QString model() const { return model_; }
    QString method() const { return method_; }
    State state() const { return state_; }
    bool isBusy() const { return state_ == State::Loading || state_ == State::Computing || state_ == State::Paused; }
    // True when the map shown was read from the run directory rather than computed now.
    bool loadedFromFile() const { return loadedFromFile_; }
    QString statusText() const;
    int snapshotsDrawn() const { return snapshotsDrawn_; }
    int lastIteration() const { return iteration_; }

    // filename,x,y,scene,device,city,predicted; empty when the map has no points.
    QString toCsv() const;

signals:
    // clips() changed (the view recomputes the categories both maps share).
    void clipsLoaded();
    void clipClicked(const QString& filename);
    void lassoSelected(const QStringList& filenames, bool extend);
    void stateChanged();
    void message(const QString& text, bool error);

private:
    void onLoaded(const Loaded& loaded);
    void startCompute();
    void onComputed(const Computed& computed);
    void drawNewestSnapshot();
    void onJobFinished(quint64 id, int outcome, const QString& message);
    void stopCancelled();
    void applyColouring();
    void showPositions(bool fit);
    void setState(State state);
    void updateStatus();
    QString progressText() const;
    QString finishedText() const;
    QString pointText(int i) const;
    QString methodLabel() const;

    ScatterMap* map_;
    QLabel* status_;
    Theme* theme_;
    JobSlot slot_;
    QTimer redrawTimer_;
    std::shared_ptr<SnapshotBuffer> buffer_;
    QString run_, model_, method_;
    MapClips clips_;
    std::vector<float> positions_;
    std::optional<sb::MapInfo> info_;
    MapColouring::By by_ = MapColouring::By::Scene;
    QStringList categories_;
    State state_ = State::Empty;
    bool loadedFromFile_ = false;
    QString problem_;
    int pace_ = 0;
    int snapshotsDrawn_ = 0;
    int iteration_ = 0;
    int totalIterations_ = 0;
    double kl_ = 0;
    bool exaggerated_ = false;
};

}  // namespace sb::ui
