#pragma once
// The sb::JobObserver a job running on the JobBridge reports to. Called on the job's
// thread; it forwards each report to the GUI thread as a queued call to the bridge,
// dropping progress reports that come faster than the GUI can show them.
#include "core/common/JobObserver.h"

#include <QPointer>

#include <atomic>
#include <chrono>

namespace sb::ui {

class JobBridge;

class JobRelay : public sb::JobObserver {
public:
    JobRelay(JobBridge* bridge, quint64 id);

    void onProgress(const sb::Progress& progress) override;
    void onLog(sb::LogLevel level, const std::string& line) override;

private:
    using Clock = std::chrono::steady_clock;
    JobBridge* bridge_;  // outlives every job: its destructor waits for them
    quint64 id_;
    std::atomic<Clock::rep> lastProgress_{0};
};

}  // namespace sb::ui
