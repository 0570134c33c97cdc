#pragma once
// The clips of one model's map, one per embeddings row, as listed in
// models/<model>/embeddings.csv (filename,scene,device,city,predicted; plain commas,
// as RunDirectory writes it). Row i of the map is clip i. A value type: loaded on a
// job thread, handed to the GUI thread by copy.
#include <QHash>
#include <QString>
#include <QVector>

#include <vector>

namespace sb::ui {

struct MapClip {
    QString filename;
    QString scene;
    QString device;
    QString city;
    QString predicted;

    bool correct() const { return scene == predicted; }
};

class MapClips {
public:
    // Throws sb::Error naming the file (and line) when it is missing or malformed.
    static MapClips read(const QString& csvPath);

    int size() const { return int(clips_.size()); }
    bool isEmpty() const { return clips_.isEmpty(); }
    const MapClip& at(int i) const { return clips_.at(i); }
    const QVector<MapClip>& clips() const { return clips_; }
    // Row of a file name, or -1.
    int indexOf(const QString& filename) const { return index_.value(filename, -1); }

    void append(const MapClip& clip);

    // filename,x,y,scene,device,city,predicted with xy = x0 y0 x1 y1 ...
    QString toCsv(const std::vector<float>& xy) const;

private:
    QVector<MapClip> clips_;
    QHash<QString, int> index_;
};

}  // namespace sb::ui
