#include "ui/main/Project.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace sb::ui {

const QString& Project::fileName()
{
    static const QString name = QStringLiteral("scenebench-project.json");
    return name;
}

QString Project::filePath() const { return QDir(folder_).filePath(fileName()); }

QString Project::displayName() const { return QFileInfo(folder_).fileName(); }

QString Project::load()
{
    views_ = {};
    QFile file(filePath());
    if (!file.exists()) return {};
    if (!file.open(QIODevice::ReadOnly)) return QStringLiteral("%1: %2").arg(filePath(), file.errorString());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("%1: not valid JSON at byte %2 (%3)").arg(filePath()).arg(error.offset).arg(error.errorString());
    const QJsonObject root = doc.object();
    const int version = root.value(QLatin1String("version")).toInt(0);
    if (version < 1 || version > kVersion)
        return QStringLiteral("%1: unsupported project version %2 (this SceneBench reads version %3)")
            .arg(filePath()).arg(version).arg(kVersion);
    views_ = root.value(QLatin1String("views")).toObject();
    return {};
}

QString Project::save() const
{
    if (!QDir().mkpath(folder_)) return QStringLiteral("%1: cannot create the project folder").arg(folder_);
    QJsonObject root;
    root.insert(QLatin1String("version"), kVersion);
    root.insert(QLatin1String("views"), views_);
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly)) return QStringLiteral("%1: %2").arg(filePath(), file.errorString());
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) return QStringLiteral("%1: %2").arg(filePath(), file.errorString());
    return {};
}

QStringList Project::runDirectories() const
{
    QFileInfoList candidates;
    const QString runs = QDir(folder_).filePath(QStringLiteral("runs"));
    for (const QString& base : {folder_, runs})
        candidates += QDir(base).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
    // A sweep's cells are runs too (runs/<sweep>/<cell>/).
    for (const QFileInfo& sweep : QDir(runs).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (QFileInfo::exists(QDir(sweep.filePath()).filePath(QStringLiteral("sweep.json"))))
            candidates += QDir(sweep.filePath()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                    [](const QFileInfo& dir) {
                                        return !QFileInfo::exists(QDir(dir.filePath()).filePath(QStringLiteral("metrics.jsonl")));
                                    }),
                     candidates.end());
    std::sort(candidates.begin(), candidates.end(),
              [](const QFileInfo& a, const QFileInfo& b) { return a.lastModified() > b.lastModified(); });
    QStringList paths;
    for (const QFileInfo& dir : candidates) paths << dir.absoluteFilePath();
    return paths;
}

QString Project::relativePath(const QString& path) const
{
    if (path.isEmpty() || folder_.isEmpty()) return path;
    const QString relative = QDir(folder_).relativeFilePath(path);
    return relative.startsWith(QLatin1String("..")) ? QFileInfo(path).absoluteFilePath() : relative;
}

QString Project::absolutePath(const QString& stored) const
{
    if (stored.isEmpty() || folder_.isEmpty()) return stored;
    return QDir::cleanPath(QDir(folder_).absoluteFilePath(stored));
}

}  // namespace sb::ui
