#pragma once
// The workbench's "current clip": one clip of the dataset a run was trained on, named
// the way the run's files name it. Views exchange it through WorkbenchContext. Value type.
#include <QMetaType>
#include <QString>

namespace sb::ui {

struct ClipRef {
    QString filename;   // as in predictions.csv / embeddings.csv: "audio/<scene>-<city>-...-<device>.wav"
    QString audioPath;  // absolute path of the audio file (may not exist: playback reports it)
    QString scene;      // true scene label
    QString device;
    QString city;

    bool isValid() const { return !filename.isEmpty(); }
    bool operator==(const ClipRef& other) const { return filename == other.filename && audioPath == other.audioPath; }
    bool operator!=(const ClipRef& other) const { return !(*this == other); }
};

}  // namespace sb::ui

Q_DECLARE_METATYPE(sb::ui::ClipRef)
