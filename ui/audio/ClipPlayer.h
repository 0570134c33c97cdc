#pragma once
// The workbench's one audio player (Qt Multimedia): every view plays clips through it, so
// starting a clip stops the last one and Space means the same thing everywhere. A missing
// or unreadable file, or a machine without an audio output, is a message (failed()),
// never a crash. Reports the playing position for moving cursors. GUI thread only.
#include <QObject>
#include <QString>

class QAudioOutput;
class QMediaPlayer;

namespace sb::ui {

class ClipPlayer : public QObject {
    Q_OBJECT
public:
    explicit ClipPlayer(QObject* parent = nullptr);

    // False (with the reason) when there is no audio output device (headless, no card).
    bool canPlay(QString* why = nullptr) const;
    // Plays path from the start; false (and failed()) when it cannot.
    bool play(const QString& path);
    void stop();
    // Stops if path is playing, else plays it (Space).
    bool toggle(const QString& path);
    bool isPlaying() const;
    // The clip asked for last (played, or refused with failed()).
    QString currentPath() const { return path_; }

    // Checks that path is an audio file libsndfile can read: empty, or the reason.
    static QString checkReadable(const QString& path);

signals:
    void started(const QString& path);
    void stopped();
    void positionChanged(double seconds);
    void failed(const QString& message);

private:
    QMediaPlayer* player_ = nullptr;
    QAudioOutput* output_ = nullptr;
    QString path_;
};

}  // namespace sb::ui
