#pragma once
// A SceneBench project: a folder holding experiment files and run directories, plus
// scenebench-project.json with the state of each view (which dataset and subset, which
// run is shown, the student being sized). Plain value type; saving is atomic.
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sb::ui {

class Project {
public:
    static constexpr int kVersion = 1;
    static const QString& fileName();  // "scenebench-project.json"

    Project() = default;
    explicit Project(QString folder) : folder_(std::move(folder)) {}

    bool isOpen() const { return !folder_.isEmpty(); }
    QString folder() const { return folder_; }
    QString filePath() const;
    QString displayName() const;

    // Reads the project file if the folder has one (a folder without one is a new,
    // empty project). Returns an error message naming the file, or empty.
    QString load();
    // Writes the project file atomically (QSaveFile). Returns an error message or empty.
    QString save() const;

    QJsonObject viewState(const QString& view) const { return views_.value(view).toObject(); }
    void setViewState(const QString& view, const QJsonObject& state) { views_.insert(view, state); }

    // Run directories (folders holding a metrics.jsonl) directly in the project folder,
    // in its runs/ subfolder, or cells of a sweep in runs/ (runs/<sweep>/<cell>), newest first.
    QStringList runDirectories() const;

    // A path as stored in the project: relative to the folder when inside it.
    QString relativePath(const QString& path) const;
    QString absolutePath(const QString& stored) const;

private:
    QString folder_;
    QJsonObject views_;
};

}  // namespace sb::ui
