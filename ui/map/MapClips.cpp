#include "ui/map/MapClips.h"

#include "core/common/Error.h"
#include "ui/plots/CsvFile.h"

#include <QFile>

#include <array>

namespace sb::ui {

namespace {

std::string where(const QString& path, long line) { return sb::atLine(path.toStdString(), line); }

}  // namespace

void MapClips::append(const MapClip& clip)
{
    index_.insert(clip.filename, int(clips_.size()));
    clips_.append(clip);
}

MapClips MapClips::read(const QString& csvPath)
{
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw sb::Error("cannot open the clip list of the embeddings: " + file.errorString().toStdString(),
                        csvPath.toStdString());
    const QStringList header = QString::fromUtf8(file.readLine()).trimmed().split(QLatin1Char(','));
    const std::array<QString, 5> names = {QStringLiteral("filename"), QStringLiteral("scene"), QStringLiteral("device"),
                                          QStringLiteral("city"), QStringLiteral("predicted")};
    std::array<int, 5> column{};
    for (size_t c = 0; c < names.size(); ++c) {
        column[c] = int(header.indexOf(names[c]));
        if (column[c] < 0)
            throw sb::Error("the header has no '" + names[c].toStdString() + "' column", where(csvPath, 1));
    }
    MapClips clips;
    long number = 1;
    while (!file.atEnd()) {
        ++number;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty()) continue;
        const QStringList fields = line.split(QLatin1Char(','));
        if (fields.size() != header.size())
            throw sb::Error("expected " + std::to_string(header.size()) + " fields, got " +
                                std::to_string(fields.size()),
                            where(csvPath, number));
        MapClip clip{fields[column[0]], fields[column[1]], fields[column[2]], fields[column[3]], fields[column[4]]};
        if (clip.filename.isEmpty()) throw sb::Error("empty file name", where(csvPath, number));
        clips.append(clip);
    }
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
