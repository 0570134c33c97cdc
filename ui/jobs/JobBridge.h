#pragma once
// The one bridge between core jobs and the GUI. A job is a function run on a pool
// thread with an sb::JobObserver and an sb::CancellationToken; its progress, log
// lines and result come back to the GUI thread as queued calls. A result is handed to
// its receiver only if the receiver still exists and still wants it (see JobSlot), so
// a closed view or a restarted job never sees a stale result.
// Owned by the MainWindow; every public function is for the GUI thread.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace sb::ui {

// A progress report as the GUI sees it.
struct JobProgress {
    QString stage;
    qint64 done = 0;
    qint64 total = 0;  // 0 when unknown
    double elapsedSeconds = 0;
    double etaSeconds = -1;  // < 0 when unknown
};

class JobBridge : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Succeeded, Failed, Cancelled };
    Q_ENUM(Outcome)
    // Called on the GUI thread with the job's result once it succeeded.
    using Delivery = std::function<void()>;
    // Runs on a pool thread. Must not touch widgets; returns the Delivery of its result.
    using Work = std::function<Delivery(sb::JobObserver&, sb::CancellationToken&)>;

    explicit JobBridge(QObject* parent = nullptr);
    // Cancels every job and waits for the pool threads, so no job outlives the bridge.
    ~JobBridge() override;

    // Starts work; its Delivery runs only while receiver lives and isCurrent() (if
    // given) returns true. Returns the job's id (never 0).
    quint64 start(const QString& title, Work work, QObject* receiver, std::function<bool()> isCurrent = {});
    void cancel(quint64 id);
    void cancelAll();

    bool isRunning(quint64 id) const { return jobs_.contains(id); }
    int runningCount() const { return int(jobs_.size()); }
    QString title(quint64 id) const;

    // Called (queued) by the JobRelay of a job; not for views.
    void relayProgress(quint64 id, const JobProgress& progress);
    void relayLog(quint64 id, int level, const QString& line);

signals:
    void jobStarted(quint64 id, const QString& title);
    void jobProgressed(quint64 id, const sb::ui::JobProgress& progress);
    void jobLogged(quint64 id, int level, const QString& line);
    // After the Delivery (if any) ran; message says why it failed.
    void jobFinished(quint64 id, sb::ui::JobBridge::Outcome outcome, const QString& message);
    void runningCountChanged(int count);

private:
    struct Job {
        QString title;
        std::shared_ptr<sb::CancellationToken> token;
        QPointer<QObject> receiver;
        std::function<bool()> isCurrent;
    };
    void complete(quint64 id, Outcome outcome, const QString& message, const Delivery& delivery);

    QThreadPool pool_;
    QHash<quint64, Job> jobs_;
    quint64 nextId_ = 1;
};

}  // namespace sb::ui
