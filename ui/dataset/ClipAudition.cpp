#include "ui/dataset/ClipAudition.h"

#include "ui/audio/ClipPlayer.h"

#include "core/audio/AudioLoading.h"
#include "core/common/Dcase.h"
#include "core/features/CpMel.h"
#include "ui/plots/ColorMaps.h"
#include "ui/plots/PlotWidget.h"
#include "ui/plots/WaveformPoints.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <qcustomplot.h>


namespace sb::ui {

namespace {
// The student's front end with the paper's smaller mel count.
constexpr int kImageMels = 256;
}  // namespace

ClipAudition::ClipAudition(JobBridge* bridge, Theme* theme, ClipPlayer* player, QWidget* parent)
    : QWidget(parent), slot_(bridge, this), title_(new QLabel(tr("Choose a clip to hear it."), this)),
      play_(new QPushButton(QIcon(QStringLiteral(":/icons/play.svg")), tr("Play"), this)),
      waveform_(new PlotWidget(tr("Waveform"), theme, this)), spectrogram_(new PlotWidget(tr("CpMel (student input)"), theme, this)),
      player_(player)
{
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    waveform_->plot()->legend->setVisible(false);
    waveform_->plot()->xAxis->setLabel(tr("seconds"));
    waveform_->plot()->addGraph();
    spectrogram_->plot()->legend->setVisible(false);
    spectrogram_->plot()->xAxis->setLabel(tr("frame"));
    spectrogram_->plot()->yAxis->setLabel(tr("mel bin"));
    waveform_->setPlaceholder(tr("Click a cell of the table or heatmap, then a clip, to see and hear it."));
    spectrogram_->setPlaceholder(tr("No clip chosen."));

    auto* top = new QHBoxLayout;
    top->addWidget(play_);
    top->addWidget(title_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(waveform_, 1);
    layout->addWidget(spectrogram_, 2);

    QString why;
    if (player_->canPlay(&why)) play_->setToolTip(tr("Play or stop the clip (Space)"));
    else play_->setToolTip(why);
    connect(player_, &ClipPlayer::started, this, [this](const QString& path) {
        if (path == path_) play_->setText(tr("Stop"));
    });
    connect(player_, &ClipPlayer::stopped, this, [this] { play_->setText(tr("Play")); });
    play_->setEnabled(false);
    connect(play_, &QPushButton::clicked, this, &ClipAudition::togglePlayback);
}

bool ClipAudition::canPlay() const { return player_->canPlay() && !path_.isEmpty(); }

void ClipAudition::setClip(const QString& path, const QString& title)
{
    if (player_->isPlaying() && player_->currentPath() == path_) player_->stop();
    path_ = path;
    play_->setEnabled(false);
    title_->setText(path.isEmpty() ? tr("Choose a clip to hear it.") : tr("%1 (loading…)").arg(title));
    if (path.isEmpty()) return;
    const std::string file = QFileInfo(path).absoluteFilePath().toStdString();
    slot_.run(
        tr("Load clip %1").arg(title),
        [file](sb::JobObserver&, sb::CancellationToken& token) {
            Loaded clip;
            sb::MonoAudio audio = sb::loadMonoAt(file, sb::dcase::kStudentSampleRate);
            token.checkpoint();
            sb::CpMelParams params;
            params.numMels = kImageMels;
            const sb::CpMel frontEnd(params);
            const sb::FeatureMatrix image = frontEnd.compute(audio.samples);
            clip.samples = std::move(audio.samples);
            clip.sampleRate = audio.sampleRate;
            clip.image = image.data;
            clip.mels = int(image.rows);
            clip.frames = int(image.cols);
            return clip;
        },
        [this, title](const Loaded& clip) {
            show(clip);
            title_->setText(tr("%1 · %2 s").arg(title).arg(double(clip.samples.size()) / clip.sampleRate, 0, 'f', 2));
            play_->setEnabled(player_->canPlay());
            emit clipShown(path_);
        });
}

void ClipAudition::show(const Loaded& clip)
{
    waveform_->setPlaceholder({});
    spectrogram_->setPlaceholder({});
    QCPGraph* wave = waveform_->plot()->graph(0);
    QVector<double> t, v;
    waveformPoints(clip.samples, clip.sampleRate, kMaxWaveformPoints, t, v);
    wave->setData(t, v, true);
    waveform_->resetZoom();

    QCustomPlot* plot = spectrogram_->plot();
    plot->clearPlottables();
    auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->setName(tr("CpMel"));
    map->data()->setSize(clip.frames, clip.mels);
    map->data()->setRange(QCPRange(0, clip.frames - 1), QCPRange(0, clip.mels - 1));
    for (int m = 0; m < clip.mels; ++m)
        for (int f = 0; f < clip.frames; ++f) map->data()->setCell(f, m, double(clip.image[size_t(m) * size_t(clip.frames) + size_t(f)]));
    map->setInterpolate(false);
    map->setGradient(ColorMaps::viridis());
    map->rescaleDataRange(true);
    spectrogram_->resetZoom();
}

void ClipAudition::togglePlayback()
{
    if (!path_.isEmpty()) player_->toggle(path_);
}

}  // namespace sb::ui
