#include "ui/map/MapClips.h"

#include "core/embed/ModelEmbeddings.h"
#include "ui/plots/CsvFile.h"

namespace sb::ui {

void MapClips::append(const MapClip& clip)
{
    index_.insert(clip.filename, int(clips_.size()));
    clips_.append(clip);
}

MapClips MapClips::read(const QString& csvPath)
{
    MapClips clips;
    for (const sb::EmbeddingClip& c : sb::readEmbeddingClips(csvPath.toStdString()))
        clips.append(MapClip{QString::fromStdString(c.filename), QString::fromStdString(c.scene),
                             QString::fromStdString(c.device), QString::fromStdString(c.city),
                             QString::fromStdString(c.predicted)});
    return clips;
}

QString MapClips::toCsv(const std::vector<float>& xy) const
{
    QString text = QStringLiteral("filename,x,y,scene,device,city,predicted\n");
    for (int i = 0; i < size() && size_t(2 * i + 1) < xy.size(); ++i) {
        const MapClip& c = clips_.at(i);
        const QStringList row{csv::field(c.filename), QString::number(xy[size_t(2 * i)], 'g', 9),
                              QString::number(xy[size_t(2 * i + 1)], 'g', 9), csv::field(c.scene),
                              csv::field(c.device), csv::field(c.city), csv::field(c.predicted)};
        text += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text;
}

}  // namespace sb::ui
