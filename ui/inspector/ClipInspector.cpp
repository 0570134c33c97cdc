#include "ui/inspector/ClipInspector.h"

#include "ui/plots/CsvFile.h"
#include "ui/plots/WaveformPoints.h"

#include "ui/audio/ClipPlayer.h"
#include "ui/inspector/ClipFrontEnds.h"
#include "ui/inspector/FeatureImagePlot.h"
#include "ui/inspector/PredictionTableModel.h"
#include "ui/main/Theme.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace sb::ui {

ClipInspector::ClipInspector(WorkbenchContext* context, QWidget* parent)
    : WorkbenchView(context, parent), audioSlot_(context->jobs(), this), predictionSlot_(context->jobs(), this),
      predictions_(new PredictionTableModel(this)), header_(new QLabel(this)), message_(new QLabel(this)),
      truth_(new QLabel(this)), play_(new QPushButton(QIcon(QStringLiteral(":/icons/play.svg")), tr("Play"), this)),
      waveform_(new PlotWidget(tr("Waveform"), context->theme(), this)),
      fbank_(new FeatureImagePlot(tr("BEATs fbank"), context->theme(), this)),
      cpmel_(new FeatureImagePlot(tr("Student CpMel"), context->theme(), this)), table_(new QTableView(this))
{
    setObjectName(QStringLiteral("clip-inspector"));
    buildLayout();
    connectPlayer();
    if (JobBridge* jobs = context->jobs()) {
        // A job that dies outside the front ends' own error handling still ends the wait.
        connect(jobs, &JobBridge::jobFinished, this, [this](quint64 id, JobBridge::Outcome outcome, const QString& why) {
            if (outcome != JobBridge::Outcome::Failed) return;
            if (id == predictionSlot_.jobId()) {
                this->context()->showMessage(tr("Cannot load the run's predictions: %1").arg(why), true);
                runSettled();
            } else if (id == audioSlot_.jobId()) {
                showFailure(why);
            }
        });
    }
    clearAudio(tr("Choose a clip in the Confusion, Map or Dataset view to inspect it."));
    updateHeader();
    if (!context->runDirectory().isEmpty()) runChanged(context->runDirectory());
    if (context->clip().isValid()) clipChanged(context->clip());
}

void ClipInspector::buildLayout()
{
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header_->setWordWrap(true);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->setStyleSheet(QStringLiteral("color: #D55E00;"));  // Okabe-Ito vermillion: reads on both themes
    message_->hide();
    truth_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    play_->setToolTip(tr("Play or stop the clip (Space)"));
    play_->setEnabled(false);
    connect(play_, &QPushButton::clicked, this, &ClipInspector::togglePlayback);
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(space, &QShortcut::activated, this, &ClipInspector::togglePlayback);

    QCustomPlot* wave = waveform_->plot();
    wave->legend->setVisible(false);
    wave->xAxis->setLabel(tr("seconds"));
    wave->yAxis->setLabel(tr("amplitude"));
    wave->addGraph()->setName(tr("waveform"));
    for (PlotWidget* plot : {waveform_, static_cast<PlotWidget*>(fbank_), static_cast<PlotWidget*>(cpmel_)}) {
        auto* line = new QCPItemStraightLine(plot->plot());
        line->setPen(QPen(QColor(0xD5, 0x5E, 0x00), 1.5));
        line->setVisible(false);
        line->setSelectable(false);
        cursors_ << line;
    }

    table_->setModel(predictions_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* predictionBox = new QWidget(this);
    auto* predictionLayout = new QVBoxLayout(predictionBox);
    predictionLayout->setContentsMargins(0, 0, 0, 0);
    predictionLayout->addWidget(truth_);
    predictionLayout->addWidget(table_, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(waveform_);
    splitter->addWidget(fbank_);
    splitter->addWidget(cpmel_);
    splitter->addWidget(predictionBox);
    splitter->setChildrenCollapsible(false);
    // The images are what the inspector is for: they get most of the height.
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 3);
    splitter->setStretchFactor(3, 2);

    auto* top = new QHBoxLayout;
    top->addWidget(play_);
    top->addWidget(header_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(message_);
    layout->addWidget(splitter, 1);
}

void ClipInspector::connectPlayer()
{
    ClipPlayer* player = context()->player();
    connect(player, &ClipPlayer::positionChanged, this, &ClipInspector::showPlaybackPosition);
    connect(player, &ClipPlayer::started, this, [this](const QString& path) {
        play_->setText(path == clip_.audioPath ? tr("Stop") : tr("Play"));
    });
    connect(player, &ClipPlayer::stopped, this, [this] {
        play_->setText(tr("Play"));
        setCursorsVisible(false);
    });
    connect(player, &ClipPlayer::failed, this, [this](const QString& why) {
        // The context puts it in the status bar; here it stays next to the clip.
        if (context()->player()->currentPath() != clip_.audioPath) return;
        message_->setText(why);
        message_->show();
    });
}

QJsonObject ClipInspector::state() const
{
    // The clip is the shared selection, not the view's: recorded only to say what was shown.
    return clip_.isValid() ? QJsonObject{{QStringLiteral("clip"), clip_.filename}} : QJsonObject{};
}

QString ClipInspector::messageText() const { return message_->isHidden() ? QString() : message_->text(); }

QString ClipInspector::trueLabelText() const { return truth_->text(); }

bool ClipInspector::cursorVisible() const { return cursors_.first()->visible(); }

double ClipInspector::cursorSeconds() const { return cursors_.first()->point1->coords().x(); }

// ---- run and clip ----

void ClipInspector::runChanged(const QString& directory)
{
    predictionSlot_.cancel();
    run_.reset();
    runLoading_ = false;
    if (directory.isEmpty()) runSettled();
    else loadPredictions(directory);
}

void ClipInspector::runSettled()
{
    runLoading_ = false;
    showPredictions();
    // The clip's load waited for the run's mel count (or used another run's).
    const int mels = run_ ? run_->studentMels : InspectedRun::kDefaultMels;
    if (clip_.isValid() && !clip_.audioPath.isEmpty() && failure_.isEmpty() && audioMels_ != mels) loadAudio();
    finishIfReady();
}

void ClipInspector::loadPredictions(const QString& directory)
{
    runLoading_ = true;
    predictionsDone_ = false;
    announced_ = false;
    showPredictions();
    predictionSlot_.run(
        tr("Load predictions of %1").arg(QFileInfo(directory).fileName()),
        [directory](sb::JobObserver&, sb::CancellationToken& token) {
            return std::make_shared<const InspectedRun>(InspectedRun::load(directory, token));
        },
        [this](const std::shared_ptr<const InspectedRun>& run) {
            run_ = run;
            if (!run->errors.isEmpty()) context()->showMessage(run->errors.join(QStringLiteral("; ")), true);
            runSettled();
        });
}

void ClipInspector::clipChanged(const ClipRef& clip)
{
    clip_ = clip;
    setCursorsVisible(false);
    play_->setText(context()->player()->isPlaying() && context()->player()->currentPath() == clip.audioPath ? tr("Stop")
                                                                                                          : tr("Play"));
    play_->setEnabled(clip.isValid());
    updateHeader();
    showPredictions();
    loadAudio();
}

void ClipInspector::showPredictions()
{
    if (!clip_.isValid()) {
        predictions_->clear();
        truth_->clear();
        predictionsDone_ = true;
        return;
    }
    if (!run_) {
        predictions_->clear();
        truth_->setText(runLoading_ ? tr("Loading the run's predictions…") : tr("No run open: no predictions to show."));
        predictionsDone_ = !runLoading_;
        return;
    }
    const QList<PredictionRow> rows = run_->rowsFor(clip_.filename);
    predictions_->setRows(rows);
    const QString truth = run_->trueScene(clip_.filename);
    QString text = tr("True scene: <b>%1</b>").arg((truth.isEmpty() ? clip_.scene : truth).toHtmlEscaped());
    if (rows.isEmpty()) text += tr(" · no model of this run has a prediction for this clip");
    else text += tr(" · %1 of %2 models right").arg(std::count_if(rows.begin(), rows.end(), [](const PredictionRow& r) {
                                                       return r.correct;
                                                   })).arg(rows.size());
    truth_->setText(text);
    table_->resizeColumnsToContents();
    predictionsDone_ = true;
}

void ClipInspector::updateHeader()
{
    if (!clip_.isValid()) {
        header_->setText(tr("No clip chosen."));
        return;
    }
    QString text = QStringLiteral("<b>%1</b>").arg(QFileInfo(clip_.filename).fileName().toHtmlEscaped());
    if (!clip_.scene.isEmpty())
        text += tr(" · %1 · device %2 · %3").arg(clip_.scene, clip_.device, clip_.city).toHtmlEscaped();
    if (sampleRate_ > 0) text += tr(" · %1 s at %2 Hz").arg(double(sampleCount_) / sampleRate_, 0, 'f', 2).arg(sampleRate_);
    header_->setText(text);
    header_->setToolTip(QDir::toNativeSeparators(clip_.audioPath));
}

// ---- audio and front ends ----

void ClipInspector::loadAudio()
{
    audioDone_ = false;
    announced_ = false;
    failure_.clear();
    message_->hide();
    sampleCount_ = 0;
    sampleRate_ = 0;
    if (!clip_.isValid()) {
        audioSlot_.cancel();
        clearAudio(tr("Choose a clip in the Confusion, Map or Dataset view to inspect it."));
        return;
    }
    if (clip_.audioPath.isEmpty()) {
        audioSlot_.cancel();
        showFailure(tr("No audio file is known for %1 (the run's dataset folder is unknown).").arg(clip_.filename));
        return;
    }
    clearAudio(tr("Loading %1…").arg(QFileInfo(clip_.audioPath).fileName()));
    audioMels_ = 0;
    // The student's image needs the run's mel count: wait for the run (its arrival
    // starts the load) rather than draw a guessed image.
    if (runLoading_) {
        audioSlot_.cancel();
        return;
    }
    const std::string path = clip_.audioPath.toStdString();
    const int mels = run_ ? run_->studentMels : InspectedRun::kDefaultMels;
    audioMels_ = mels;
    audioSlot_.run(
        tr("Inspect clip %1").arg(QFileInfo(clip_.audioPath).fileName()),
        [path, mels](sb::JobObserver&, sb::CancellationToken& token) { return ClipFrontEnds::load(path, mels, token); },
        [this](const ClipFrontEnds& loaded) { showAudio(loaded); });
}

void ClipInspector::showAudio(const ClipFrontEnds& loaded)
{
    if (!loaded.ok()) {
        showFailure(QString::fromStdString(loaded.error));
        return;
    }
    sampleCount_ = qint64(loaded.samples.size());
    sampleRate_ = loaded.sampleRate;
    drawWaveform(loaded);
    fbank_->setImage(loaded.fbank, true, loaded.fbankFirstSeconds, loaded.fbankStepSeconds);
    cpmel_->setImage(loaded.cpmel, false, loaded.cpmelFirstSeconds, loaded.cpmelStepSeconds);
    updateHeader();
    audioDone_ = true;
    finishIfReady();
}

void ClipInspector::drawWaveform(const ClipFrontEnds& loaded)
{
    waveformPoints(loaded.samples, loaded.sampleRate, kMaxWaveformPoints, waveT_, waveV_);
    waveform_->plot()->graph(0)->setData(waveT_, waveV_, true);
    if (context()->theme()) waveform_->plot()->graph(0)->setPen(QPen(context()->theme()->seriesColor(0)));
    waveform_->setPlaceholder({});
    waveform_->resetZoom();
}

void ClipInspector::showFailure(const QString& message)
{
    failure_ = message;
    message_->setText(tr("Cannot show the audio: %1").arg(message));
    message_->show();
    clearAudio(tr("The audio of this clip cannot be read (see the message above). The predictions come from the run."));
    context()->showMessage(tr("Clip inspector: %1").arg(message), true);
    audioDone_ = true;
    finishIfReady();
}

void ClipInspector::clearAudio(const QString& text)
{
    waveT_.clear();
    waveV_.clear();
    waveform_->plot()->graph(0)->data()->clear();
    waveform_->setPlaceholder(text);
    fbank_->clearImage(text);
    cpmel_->clearImage(text);
    setCursorsVisible(false);
}

void ClipInspector::finishIfReady()
{
    if (announced_ || !clip_.isValid() || !audioDone_ || !predictionsDone_) return;
    announced_ = true;
    if (failure_.isEmpty()) emit clipShown(clip_.audioPath);
    else emit clipFailed(failure_);
}

// ---- playback ----

void ClipInspector::togglePlayback()
{
    if (!clip_.isValid()) return;
    // The player checks the file and reports a missing one (status bar and failed()).
    context()->player()->toggle(clip_.audioPath);
}

void ClipInspector::showPlaybackPosition(double seconds)
{
    if (!clip_.isValid() || context()->player()->currentPath() != clip_.audioPath) return;
    for (QCPItemStraightLine* line : std::as_const(cursors_)) {
        line->point1->setCoords(seconds, 0);
        line->point2->setCoords(seconds, 1);
    }
    setCursorsVisible(true);
}

void ClipInspector::setCursorsVisible(bool visible)
{
    for (QCPItemStraightLine* line : std::as_const(cursors_)) {
        line->setVisible(visible);
        line->parentPlot()->replot(QCustomPlot::rpQueuedReplot);
    }
}

// ---- export ----

void ClipInspector::exportData(const QString& directory, QStringList* written, QStringList* errors) const
{
    if (!clip_.isValid()) return;
    const QDir dir(directory);
    csv::write(dir.filePath(QStringLiteral("clip-inspector-predictions.csv")), predictions_->toCsv(), written, errors);
    if (waveT_.isEmpty()) return;  // the audio could not be read: only the predictions exist
    QString wave = QStringLiteral("time,sample\n");
    for (qsizetype i = 0; i < waveT_.size(); ++i)
        wave += QStringLiteral("%1,%2\n").arg(QString::number(waveT_[i], 'g', 10), QString::number(waveV_[i], 'g', 7));
    csv::write(dir.filePath(QStringLiteral("clip-inspector-waveform.csv")), wave, written, errors);
    csv::write(dir.filePath(QStringLiteral("clip-inspector-fbank.csv")), fbank_->toCsv(), written, errors);
    csv::write(dir.filePath(QStringLiteral("clip-inspector-cpmel.csv")), cpmel_->toCsv(), written, errors);
}

}  // namespace sb::ui
