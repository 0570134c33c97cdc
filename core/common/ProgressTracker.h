#pragma once
// Turns "n of N done" into Progress reports with elapsed time and ETA, rate-limited
// so a job can call advance() per item without flooding its observer.
#include "core/common/JobObserver.h"

#include <chrono>
#include <mutex>

namespace sb {

class ProgressTracker {
public:
    ProgressTracker(JobObserver* observer, std::string stage, long total, double minIntervalSeconds = 0.1);

    // Thread-safe; reports at most every minIntervalSeconds, and always at the end.
    void advance(long count = 1);
    long done() const;
    double elapsedSeconds() const;

private:
    using Clock = std::chrono::steady_clock;
    JobObserver* observer_;
    std::string stage_;
    long total_;
    double minInterval_;
    Clock::time_point start_;
    Clock::time_point lastReport_;
    long done_ = 0;
    mutable std::mutex mutex_;
};

}  // namespace sb
