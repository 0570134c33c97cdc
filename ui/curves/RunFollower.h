#pragma once
// Keeps a RunMetricsModel in step with a run directory's metrics.jsonl, whether the run
// finished long ago (replay) or another process is still writing it (follow). Reads only
// the new bytes, when QFileSystemWatcher says the file changed and on a slow poll (some
// file systems never notify), in bounded chunks so the GUI thread never stalls.
// GUI thread only.
#include "ui/curves/MetricsTail.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

class QFileSystemWatcher;

namespace sb::ui {

class RunMetricsModel;

class RunFollower : public QObject {
    Q_OBJECT
public:
    explicit RunFollower(RunMetricsModel* model, QObject* parent = nullptr);

    // Starts over with this run directory (empty: none). Reads what is there at once.
    void setRunDirectory(const QString& directory);
    QString runDirectory() const { return directory_; }
    QString metricsPath() const { return tail_.path(); }
    // Lines that could not be read so far (never fatal).
    QStringList problems() const { return problems_; }

    // Reads what was appended since the last read (also called by the watcher and poll).
    void poll();

    static constexpr int kPollMs = 500;

signals:
    void problemsFound(const QStringList& problems);
    void runChanged(const QString& directory);

private:
    void watch();

    RunMetricsModel* model_;
    QString directory_;
    MetricsTail tail_;
    QStringList problems_;
    QFileSystemWatcher* watcher_;
    QTimer pollTimer_;
    bool readAgainQueued_ = false;
};

}  // namespace sb::ui
