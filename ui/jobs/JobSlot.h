#pragma once
// One kind of result a view waits for (after KDAB hotspot's JobTracker). Starting a
// job cancels the slot's previous one and bumps its generation; the result reaches
// onResult only if the generation is still current and the owner still lives. Make the
// slot a member of its owner. GUI thread only.
#include "ui/jobs/JobBridge.h"

#include <QPointer>

#include <memory>
#include <utility>

namespace sb::ui {

class JobSlot {
public:
    JobSlot(JobBridge* bridge, QObject* owner) : bridge_(bridge), owner_(owner) {}
    ~JobSlot() { cancel(); }
    JobSlot(const JobSlot&) = delete;
    JobSlot& operator=(const JobSlot&) = delete;

    void setBridge(JobBridge* bridge) { bridge_ = bridge; }
    bool hasBridge() const { return bridge_ != nullptr; }

    // work(sb::JobObserver&, sb::CancellationToken&) -> Result runs on a pool
    // thread; onResult(const Result&) runs on the GUI thread. Returns the job id,
    // or 0 when there is no bridge.
    template <class Work, class OnResult>
    quint64 run(const QString& title, Work work, OnResult onResult)
    {
        if (!bridge_) return 0;
        cancel();
        const quint64 generation = ++generation_;
        JobBridge::Work erased = [work = std::move(work), onResult = std::move(onResult)](
                                     sb::JobObserver& observer, sb::CancellationToken& token) {
            auto result = std::make_shared<decltype(work(observer, token))>(work(observer, token));
            return JobBridge::Delivery([onResult, result] { onResult(*result); });
        };
        id_ = bridge_->start(title, std::move(erased), owner_, [this, generation] { return generation == generation_; });
        return id_;
    }

    // Cancels the running job and makes sure its result is never delivered.
    void cancel()
    {
        ++generation_;
        if (bridge_ && id_) bridge_->cancel(id_);
        id_ = 0;
    }

    bool isRunning() const { return bridge_ && id_ && bridge_->isRunning(id_); }
    quint64 jobId() const { return id_; }

private:
    QPointer<JobBridge> bridge_;
    QObject* owner_;
    quint64 id_ = 0;
    quint64 generation_ = 0;
};

}  // namespace sb::ui
