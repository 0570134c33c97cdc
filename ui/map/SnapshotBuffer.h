#pragma once
// Hands a running t-SNE's snapshots from the map job's thread to the GUI: the job posts
// every snapshot, the GUI's redraw timer takes only the newest (older ones are dropped,
// never queued as signals). It also lets the GUI pause the job: the job attaches its
// CancellationToken while it runs, and setPaused() reaches it (or waits for it).
// Thread-safe: post/attach/detach on the job's thread, the rest on the GUI thread.
#include "core/embed/Tsne.h"

#include <QtGlobal>

#include <atomic>
#include <mutex>

namespace sb::ui {

class SnapshotBuffer {
public:
    void post(const sb::TsneSnapshot& snapshot);
    // Moves the newest snapshot into *out if one arrived since the last take.
    bool takeNewest(sb::TsneSnapshot* out);
    quint64 postedCount() const;

    // The job's token while it runs; a pause asked for before attach applies on attach.
    void attach(sb::CancellationToken* token);
    void detach();
    void setPaused(bool paused);
    bool isPaused() const;
    // The least time between snapshots the job keeps to (slow motion); 0: full speed.
    void setPace(int msPerSnapshot) { pace_ = msPerSnapshot; }
    int pace() const { return pace_; }

private:
    mutable std::mutex mutex_;
    sb::TsneSnapshot latest_;
    bool fresh_ = false;
    quint64 posted_ = 0;
    sb::CancellationToken* token_ = nullptr;
    bool paused_ = false;
    std::atomic<int> pace_{0};
};

}  // namespace sb::ui
