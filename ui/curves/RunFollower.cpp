#include "ui/curves/RunFollower.h"

#include "ui/curves/RunMetricsModel.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>

namespace sb::ui {

namespace {
// At most this much is parsed per turn of the event loop (about 5-10 ms of work);
// a big finished run is replayed over a few turns instead of freezing the window.
constexpr qint64 kChunkBytes = 512 * 1024;
// The name docs/run-directory.md gives the metrics stream.
const QString kMetricsFile = QStringLiteral("metrics.jsonl");
}  // namespace

RunFollower::RunFollower(RunMetricsModel* model, QObject* parent)
    : QObject(parent), model_(model), watcher_(new QFileSystemWatcher(this))
{
    connect(watcher_, &QFileSystemWatcher::fileChanged, this, &RunFollower::poll);
    // The file may not exist yet when a run is just starting: watch the folder too.
    connect(watcher_, &QFileSystemWatcher::directoryChanged, this, [this] {
        watch();
        poll();
    });
    pollTimer_.setInterval(kPollMs);
    connect(&pollTimer_, &QTimer::timeout, this, &RunFollower::poll);
}

void RunFollower::setRunDirectory(const QString& directory)
{
    if (!watcher_->files().isEmpty()) watcher_->removePaths(watcher_->files());
    if (!watcher_->directories().isEmpty()) watcher_->removePaths(watcher_->directories());
    directory_ = directory;
    problems_.clear();
    model_->clear();
    tail_ = MetricsTail(directory.isEmpty() ? QString() : QDir(directory).filePath(kMetricsFile));
    if (directory.isEmpty()) {
        pollTimer_.stop();
    } else {
        watch();
        pollTimer_.start();
        poll();
    }
    emit runChanged(directory_);
}

void RunFollower::watch()
{
    if (directory_.isEmpty()) return;
    if (!watcher_->directories().contains(directory_)) watcher_->addPath(directory_);
    const QString path = tail_.path();
    if (QFileInfo::exists(path) && !watcher_->files().contains(path)) watcher_->addPath(path);
}

void RunFollower::poll()
{
    readAgainQueued_ = false;
    if (tail_.path().isEmpty()) return;
    MetricsTail::Batch batch = tail_.readNew(kChunkBytes);
    if (batch.restarted) {
        model_->clear();
        problems_.clear();
    }
    model_->appendEvents(std::move(batch.events));
    if (!batch.problems.isEmpty()) {
        problems_ += batch.problems;
        emit problemsFound(batch.problems);
    }
    if (batch.more && !readAgainQueued_) {
        readAgainQueued_ = true;
        QTimer::singleShot(0, this, &RunFollower::poll);
    }
}

}  // namespace sb::ui
