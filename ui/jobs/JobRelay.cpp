#include "ui/jobs/JobRelay.h"

#include "ui/jobs/JobBridge.h"

#include <QMetaObject>

namespace sb::ui {

namespace {
// The GUI shows progress at most this often (a 20 Hz bar looks smooth).
constexpr auto kMinProgressInterval = std::chrono::milliseconds(50);
}  // namespace

JobRelay::JobRelay(JobBridge* bridge, quint64 id) : bridge_(bridge), id_(id) {}

void JobRelay::onProgress(const sb::Progress& progress)
{
    const auto now = Clock::now().time_since_epoch().count();
    const bool last = progress.total > 0 && progress.done >= progress.total;
    const auto previous = lastProgress_.load();
    if (!last && now - previous < std::chrono::duration_cast<Clock::duration>(kMinProgressInterval).count()) return;
    lastProgress_ = now;
    JobProgress p;
    p.stage = QString::fromStdString(progress.stage);
    p.done = progress.done;
    p.total = progress.total;
    p.elapsedSeconds = progress.elapsedSeconds;
    p.etaSeconds = progress.etaSeconds;
    JobBridge* bridge = bridge_;
    const quint64 id = id_;
    QMetaObject::invokeMethod(bridge, [bridge, id, p] { bridge->relayProgress(id, p); }, Qt::QueuedConnection);
}

void JobRelay::onLog(sb::LogLevel level, const std::string& line)
{
    JobBridge* bridge = bridge_;
    const quint64 id = id_;
    const QString text = QString::fromStdString(line);
    const int lvl = int(level);
    QMetaObject::invokeMethod(bridge, [bridge, id, lvl, text] { bridge->relayLog(id, lvl, text); }, Qt::QueuedConnection);
}

}  // namespace sb::ui
