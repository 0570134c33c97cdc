#pragma once
// Listen to and look at one clip: its waveform, the CpMel image the student sees
// (256 mel bins at 32 kHz), and Play/Stop through the workbench's one ClipPlayer.
// Decoding and the front end run on the job bridge. Without an audio output (headless,
// no sound card) the Play button is disabled and says why. GUI thread only.
#include "ui/jobs/JobSlot.h"

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;

namespace sb::ui {

class ClipPlayer;
class PlotWidget;
class Theme;

class ClipAudition : public QWidget {
    Q_OBJECT
public:
    ClipAudition(JobBridge* bridge, Theme* theme, ClipPlayer* player, QWidget* parent = nullptr);

    // Loads and draws the clip (empty path: clears). title labels it (e.g. the file name).
    void setClip(const QString& path, const QString& title);
    QString clipPath() const { return path_; }

    // Plays the current clip, or stops it if playing (Space in the Dataset view).
    void togglePlayback();
    bool canPlay() const;

    PlotWidget* waveformPlot() const { return waveform_; }
    PlotWidget* spectrogramPlot() const { return spectrogram_; }

signals:
    void clipShown(const QString& path);
    void clipFailed(const QString& message);

private:
    struct Loaded {
        std::vector<float> samples;
        int sampleRate = 0;
        std::vector<float> image;  // mels x frames, row-major
        int mels = 0;
        int frames = 0;
    };
    void show(const Loaded& clip);

    JobSlot slot_;
    QString path_;
    QLabel* title_;
    QPushButton* play_;
    PlotWidget* waveform_;
    PlotWidget* spectrogram_;
    ClipPlayer* player_;
};

}  // namespace sb::ui
