#pragma once
// What every workbench view is told about: the open project, the current run, and the one
// shared "current clip" selection (Dataset, Confusion, Map and Inspector all follow and
// set it), plus the services views share: the job bridge, the theme, the clip player and
// the status bar. Owned by the MainWindow; views hold a pointer. GUI thread only.
#include "ui/workbench/ClipRef.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace sb::ui {

class ClipPlayer;
class JobBridge;
class Theme;

class WorkbenchContext : public QObject {
    Q_OBJECT
public:
    WorkbenchContext(JobBridge* jobs, Theme* theme, QObject* parent = nullptr);

    JobBridge* jobs() const { return jobs_; }
    Theme* theme() const { return theme_; }
    ClipPlayer* player() const { return player_; }

    QString projectFolder() const { return project_; }
    QString runDirectory() const { return run_; }
    const ClipRef& clip() const { return clip_; }

    // Each emits its signal only when the value changes.
    void setProjectFolder(const QString& folder);
    void setRunDirectory(const QString& directory);
    void setClip(const ClipRef& clip);

    // The clip of a run's file name ("audio/airport-lisbon-...-a.wav"): labels from the
    // name, audio under the run's dataset root (the demo's folder for demo runs).
    // An empty runDirectory means the current run.
    ClipRef clipFromRun(const QString& filename, const QString& runDirectory = {}) const;
    // The folder the run's audio lives in (see sb::RunRecord::datasetRoot); empty when
    // the run cannot be read.
    QString datasetRoot(const QString& runDirectory) const;

    // Shows a message in the main window's status bar (errors: a few seconds longer).
    void showMessage(const QString& text, bool error = false);

signals:
    void projectFolderChanged(const QString& folder);
    void runDirectoryChanged(const QString& directory);
    void clipChanged(const sb::ui::ClipRef& clip);
    void message(const QString& text, bool error);

private:
    JobBridge* jobs_;
    Theme* theme_;
    ClipPlayer* player_;
    QString project_;
    QString run_;
    ClipRef clip_;
    mutable QHash<QString, QString> roots_;  // run directory -> dataset root
};

}  // namespace sb::ui
