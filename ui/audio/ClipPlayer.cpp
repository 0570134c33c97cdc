#include "ui/audio/ClipPlayer.h"

#include "core/audio/AudioFile.h"
#include "core/common/Error.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QDir>
#include <QFileInfo>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QUrl>

namespace sb::ui {

ClipPlayer::ClipPlayer(QObject* parent) : QObject(parent)
{
    // Without an output device (headless, no sound card) there is no player at all:
    // canPlay() says why and play() reports it.
    if (QMediaDevices::audioOutputs().isEmpty()) return;
    player_ = new QMediaPlayer(this);
    output_ = new QAudioOutput(this);
    player_->setAudioOutput(output_);
    connect(player_, &QMediaPlayer::positionChanged, this, [this](qint64 ms) { emit positionChanged(double(ms) / 1000.0); });
    connect(player_, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState state) {
        if (state == QMediaPlayer::StoppedState) emit stopped();
    });
    connect(player_, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& message) {
        emit failed(tr("Cannot play %1: %2").arg(QDir::toNativeSeparators(path_), message));
    });
}

bool ClipPlayer::canPlay(QString* why) const
{
    if (player_) return true;
    if (why) *why = tr("No audio output device: playback is off.");
    return false;
}

QString ClipPlayer::checkReadable(const QString& path)
{
    if (path.isEmpty()) return tr("No audio file is known for this clip.");
    if (!QFileInfo(path).isFile()) return tr("%1: no such file").arg(QDir::toNativeSeparators(path));
    try {
        sb::probeAudio(path.toStdString());
    } catch (const sb::Error& e) {
        return tr("%1: not a readable audio file (%2)").arg(QDir::toNativeSeparators(path), QString::fromStdString(e.what()));
    }
    return {};
}

bool ClipPlayer::play(const QString& path)
{
    path_ = path;
    QString why = checkReadable(path);
    if (why.isEmpty()) canPlay(&why);
    if (!why.isEmpty()) {
        emit failed(why);
        return false;
    }
    player_->stop();
    player_->setSource(QUrl::fromLocalFile(path));
    player_->play();
    emit started(path);
    return true;
}

void ClipPlayer::stop()
{
    if (player_ && player_->playbackState() != QMediaPlayer::StoppedState) player_->stop();
}

bool ClipPlayer::isPlaying() const { return player_ && player_->playbackState() == QMediaPlayer::PlayingState; }

bool ClipPlayer::toggle(const QString& path)
{
    if (isPlaying() && path == path_) {
        stop();
        return true;
    }
    return play(path);
}

}  // namespace sb::ui
