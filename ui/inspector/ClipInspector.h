#pragma once
// The Clip inspector: the shared current clip as the run's models see it. Its waveform
// with a playback cursor, the BEATs Kaldi fbank the teachers get and the CpMel image the
// student gets (computed with the core front ends, the run's mel count), Play/Stop
// (Space) through the workbench's one player, and every model's prediction for the clip
// from the run's predictions.csv files. Audio decoding and the front ends run on one
// JobSlot, the run's predictions load once per run on another. A missing or unreadable
// file is a message, and the predictions still show. GUI thread only.
#include "ui/inspector/InspectedRun.h"
#include "ui/jobs/JobSlot.h"
#include "ui/workbench/WorkbenchView.h"

#include <QVector>

#include <memory>

class QCPItemStraightLine;
class QLabel;
class QPushButton;
class QTableView;

namespace sb::ui {

struct ClipFrontEnds;
class FeatureImagePlot;
class PredictionTableModel;

class ClipInspector : public WorkbenchView {
    Q_OBJECT
public:
    explicit ClipInspector(WorkbenchContext* context, QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("clip-inspector"); }
    QString title() const override { return tr("Clip inspector"); }
    QString iconName() const override { return QStringLiteral("inspector"); }
    QJsonObject state() const override;
    void exportData(const QString& directory, QStringList* written, QStringList* errors) const override;

    PredictionTableModel* predictionModel() const { return predictions_; }
    PlotWidget* waveformPlot() const { return waveform_; }
    FeatureImagePlot* fbankPlot() const { return fbank_; }
    FeatureImagePlot* cpmelPlot() const { return cpmel_; }

    // The clip shown (empty ClipRef: none) and what the view says about it.
    const ClipRef& clip() const { return clip_; }
    QString messageText() const;
    QString trueLabelText() const;
    // Samples of the loaded waveform (at its own rate), 0 while none is loaded.
    qint64 sampleCount() const { return sampleCount_; }
    int sampleRate() const { return sampleRate_; }
    // The playback cursor: visible while the clip plays, at seconds from its start.
    bool cursorVisible() const;
    double cursorSeconds() const;

public slots:
    // Play or stop the clip (the button and Space).
    void togglePlayback();
    // ClipPlayer::positionChanged: moves the cursor when the player is playing this clip.
    void showPlaybackPosition(double seconds);

signals:
    // The clip's audio, images and predictions are shown (path: its audio file).
    void clipShown(const QString& path);
    // The audio could not be shown (why); the predictions are shown as far as known.
    void clipFailed(const QString& message);

protected:
    void runChanged(const QString& directory) override;
    void clipChanged(const ClipRef& clip) override;

private:
    void buildLayout();
    void connectPlayer();
    void loadPredictions(const QString& directory);
    // The run's predictions arrived, failed or there is no run: show them, load the audio.
    void runSettled();
    void showPredictions();
    void loadAudio();
    void showAudio(const ClipFrontEnds& loaded);
    void showFailure(const QString& message);
    void drawWaveform(const ClipFrontEnds& loaded);
    void clearAudio(const QString& text);
    void setCursorsVisible(bool visible);
    void updateHeader();
    void finishIfReady();

    JobSlot audioSlot_;
    JobSlot predictionSlot_;
    ClipRef clip_;
    std::shared_ptr<const InspectedRun> run_;  // the current run's, once loaded
    bool runLoading_ = false;
    bool audioDone_ = false;
    bool predictionsDone_ = false;
    bool announced_ = false;  // clipShown/clipFailed sent for the current load
    int audioMels_ = 0;       // the CpMel bins the current audio job uses
    QString failure_;  // why the audio is not shown, for the current clip

    PredictionTableModel* predictions_;
    QLabel* header_;
    QLabel* message_;
    QLabel* truth_;
    QPushButton* play_;
    PlotWidget* waveform_;
    FeatureImagePlot* fbank_;
    FeatureImagePlot* cpmel_;
    QTableView* table_;
    QVector<QCPItemStraightLine*> cursors_;  // waveform, fbank, CpMel
    QVector<double> waveT_, waveV_;          // the drawn (and exported) waveform points
    qint64 sampleCount_ = 0;
    int sampleRate_ = 0;
};

}  // namespace sb::ui
