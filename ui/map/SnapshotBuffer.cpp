#include "ui/map/SnapshotBuffer.h"

namespace sb::ui {

void SnapshotBuffer::post(const sb::TsneSnapshot& snapshot)
{
    const std::lock_guard<std::mutex> lock(mutex_);
    latest_ = snapshot;  // one copy of N×2 floats; the GUI takes it by move
    fresh_ = true;
    ++posted_;
}

bool SnapshotBuffer::takeNewest(sb::TsneSnapshot* out)
{
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!fresh_) return false;
    *out = std::move(latest_);
    latest_ = {};
    fresh_ = false;
    return true;
}

quint64 SnapshotBuffer::postedCount() const
{
    const std::lock_guard<std::mutex> lock(mutex_);
    return posted_;
}

void SnapshotBuffer::attach(sb::CancellationToken* token)
{
    const std::lock_guard<std::mutex> lock(mutex_);
    token_ = token;
    if (token_) token_->setPaused(paused_);
}

void SnapshotBuffer::detach()
{
    const std::lock_guard<std::mutex> lock(mutex_);
    token_ = nullptr;
}

void SnapshotBuffer::setPaused(bool paused)
{
    const std::lock_guard<std::mutex> lock(mutex_);
    paused_ = paused;
    if (token_) token_->setPaused(paused);
}

bool SnapshotBuffer::isPaused() const
{
    const std::lock_guard<std::mutex> lock(mutex_);
    return paused_;
}

}  // namespace sb::ui
