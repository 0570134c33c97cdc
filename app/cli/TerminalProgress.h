#pragma once
// Job progress for the terminal: a bar with ETA rewritten in place when stderr is a
// terminal, plain timestamped lines (at most one per stage every few seconds) when piped.
// Ctrl-C cancels the job through its token (installCancelOnInterrupt).
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"

#include <chrono>
#include <mutex>
#include <string>

namespace sb::cli {

class TerminalProgress : public JobObserver {
public:
    TerminalProgress();
    void onProgress(const Progress& progress) override;
    void onLog(LogLevel level, const std::string& message) override;

private:
    void endBar();
    bool terminal_;
    bool barOpen_ = false;
    std::string lastStage_;
    std::chrono::steady_clock::time_point lastLine_;
    std::mutex mutex_;
};

// The first SIGINT/SIGTERM cancels `token` (the job stops at its next checkpoint and keeps
// its last saved state); a second one ends the process at once.
void installCancelOnInterrupt(CancellationToken& token);

}  // namespace sb::cli
