#pragma once
// Cooperative cancel and pause for long jobs. Any thread may cancel()/setPaused();
// the job's own thread polls checkpoint() between units of work (a batch, an
// iteration, a file) so that Cancel takes effect within a second.
#include "core/common/Error.h"

#include <atomic>
#include <chrono>
#include <thread>

namespace sb {

class CancellationToken {
public:
    void cancel() { cancelled_ = true; }
    bool isCancelled() const { return cancelled_; }
    void setPaused(bool paused) { paused_ = paused; }
    bool isPaused() const { return paused_; }

    // Blocks while paused; throws sb::Cancelled once cancelled.
    void checkpoint() const
    {
        while (paused_ && !cancelled_) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (cancelled_) throw Cancelled();
    }

private:
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> paused_{false};
};

}  // namespace sb
