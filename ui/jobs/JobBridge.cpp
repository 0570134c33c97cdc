#include "ui/jobs/JobBridge.h"

#include "core/common/Error.h"
#include "ui/jobs/JobRelay.h"

#include <QMetaObject>

#include <algorithm>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace sb::ui {

namespace {

// Jobs run below the GUI thread's CPU priority, so a job that loads every core still
// leaves the event loop a core when it needs one. On Linux niceness is per thread and
// inherited by the threads a job starts (parallelFor, torch's pool); pool threads only
// ever run jobs, so they stay niced. Elsewhere QThread priorities do the same.
void lowerJobThreadPriority()
{
    thread_local bool lowered = false;
    if (lowered) return;
    lowered = true;
#ifdef Q_OS_LINUX
    constexpr int kJobNiceness = 10;
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), kJobNiceness);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

}  // namespace

JobBridge::JobBridge(QObject* parent) : QObject(parent)
{
    // Jobs parallelise internally (parallelFor, torch); a few pool threads let a
    // short job (a dataset scan) run beside a long one (training).
    pool_.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
}

JobBridge::~JobBridge()
{
    cancelAll();
    pool_.waitForDone();
}

quint64 JobBridge::start(const QString& title, Work work, QObject* receiver, std::function<bool()> isCurrent)
{
    const quint64 id = nextId_++;
    auto token = std::make_shared<sb::CancellationToken>();
    jobs_.insert(id, Job{title, token, receiver, std::move(isCurrent)});
    emit jobStarted(id, title);
    emit runningCountChanged(runningCount());

    pool_.start([this, id, token, work = std::move(work)] {
        lowerJobThreadPriority();
        JobRelay relay(this, id);
        Outcome outcome = Outcome::Succeeded;
        QString message;
        Delivery delivery;
        try {
            delivery = work(relay, *token);
        } catch (const sb::Cancelled&) {
            outcome = Outcome::Cancelled;
        } catch (const sb::Error& e) {
            outcome = Outcome::Failed;
            message = e.where().empty() ? QString::fromStdString(e.message())
                                        : QStringLiteral("%1 (%2)").arg(QString::fromStdString(e.message()),
                                                                        QString::fromStdString(e.where()));
        } catch (const std::exception& e) {
            outcome = Outcome::Failed;
            message = QString::fromLocal8Bit(e.what());
        }
        // Cancelled jobs that return normally still count as cancelled for the panel,
        // but their (partial) result is delivered: a Cancel leaves partial results usable.
        if (outcome == Outcome::Succeeded && token->isCancelled()) outcome = Outcome::Cancelled;
        QMetaObject::invokeMethod(
            this, [this, id, outcome, message, delivery] { complete(id, outcome, message, delivery); },
            Qt::QueuedConnection);
    });
    return id;
}

void JobBridge::cancel(quint64 id)
{
    auto it = jobs_.find(id);
    if (it != jobs_.end()) it->token->cancel();
}

void JobBridge::cancelAll()
{
    for (const Job& job : std::as_const(jobs_)) job.token->cancel();
}

QString JobBridge::title(quint64 id) const
{
    auto it = jobs_.find(id);
    return it == jobs_.end() ? QString() : it->title;
}

void JobBridge::relayProgress(quint64 id, const JobProgress& progress)
{
    if (jobs_.contains(id)) emit jobProgressed(id, progress);
}

void JobBridge::relayLog(quint64 id, int level, const QString& line)
{
    if (jobs_.contains(id)) emit jobLogged(id, level, line);
}

void JobBridge::complete(quint64 id, Outcome outcome, const QString& message, const Delivery& delivery)
{
    const Job job = jobs_.take(id);
    const bool wanted = job.receiver && (!job.isCurrent || job.isCurrent());
    if (delivery && wanted) delivery();
    emit jobFinished(id, outcome, message);
    emit runningCountChanged(runningCount());
}

}  // namespace sb::ui
