#pragma once
// Runs a sweep on this machine: each cell that is not done (or run by someone else) as a
// child process `scenebench-cli sweep cell SWEEP_DIR --id ID`, `jobs` at a time, its
// output in SWEEP_DIR/logs/<id>.log. Interrupted cells resume; a cell that fails is
// tried once more and then reported. Cancelling (the token) interrupts the children,
// which keep what they finished; running the sweep again continues it.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"

#include <string>
#include <vector>

namespace sb {

class SweepPlan;

struct LocalSweepOptions {
    std::string cli;     // path of scenebench-cli
    int jobs = 1;        // cells at once
    int threads = 0;     // per cell; 0 = the experiment's, else the cores divided among the jobs
    std::string device;  // non-empty overrides the experiment's
};

struct LocalSweepResult {
    int ran = 0;      // cells that finished in this call
    int skipped = 0;  // already done, or run by another process
    std::vector<std::string> failed;  // "id: why", after the retry
    bool cancelled = false;
};

LocalSweepResult runSweepLocally(const SweepPlan& plan, const LocalSweepOptions& options, JobObserver* observer,
                                 CancellationToken& token);

}  // namespace sb
