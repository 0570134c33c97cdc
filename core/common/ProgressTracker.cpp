#include "core/common/ProgressTracker.h"

namespace sb {

ProgressTracker::ProgressTracker(JobObserver* observer, std::string stage, long total, double minIntervalSeconds)
    : observer_(observer), stage_(std::move(stage)), total_(total), minInterval_(minIntervalSeconds),
      start_(Clock::now()), lastReport_(start_)
{
}

void ProgressTracker::advance(long count)
{
    std::lock_guard<std::mutex> lock(mutex_);
    done_ += count;
    const auto now = Clock::now();
    const bool finished = total_ > 0 && done_ >= total_;
    if (!observer_ || (!finished && std::chrono::duration<double>(now - lastReport_).count() < minInterval_)) return;
    lastReport_ = now;
    Progress p;
    p.stage = stage_;
    p.done = done_;
    p.total = total_;
    p.elapsedSeconds = std::chrono::duration<double>(now - start_).count();
    if (total_ > 0 && done_ > 0) p.etaSeconds = p.elapsedSeconds * double(total_ - done_) / double(done_);
    observer_->onProgress(p);
}

long ProgressTracker::done() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return done_;
}

double ProgressTracker::elapsedSeconds() const
{
    return std::chrono::duration<double>(Clock::now() - start_).count();
}

}  // namespace sb
