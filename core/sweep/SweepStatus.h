#pragma once
// Where each cell of a sweep stands, from its run directory (finished?), its lock (run
// by a live process on this machine?), its attempts file and Slurm's queue:
//   done        the run finished (its final event is in metrics.jsonl)
//   running     a live process holds the run's lock, or Slurm runs its task
//   queued      Slurm has its task pending
//   failed      the last attempt ended with an error (see `detail`)
//   interrupted started, not finished, not running: resumed by the next run or submit
//   pending     never started
#include "core/experiment/RunDirectory.h"  // isRunFinished
#include "core/sweep/SlurmQueue.h"
#include "core/sweep/SweepCell.h"

#include <optional>
#include <string>
#include <vector>

namespace sb {

class SweepPlan;

enum class CellState { Pending, Queued, Running, Interrupted, Failed, Done };
const char* cellStateName(CellState state);

struct CellStatus {
    SweepCell cell;
    CellState state = CellState::Pending;
    int attempts = 0;
    std::string detail;  // why it failed, the Slurm task, or the host running it
};

// The state from the facts (pure, so every combination is testable).
struct CellFacts {
    bool runExists = false;   // the run directory holds an experiment
    bool finished = false;
    bool lockHeld = false;
    std::optional<SlurmTaskState> slurm;  // the newest task Slurm knows for this cell
    int attempts = 0;
    std::optional<int> lastExit;  // the last attempt's exit code, when it recorded one
};
CellState classifyCell(const CellFacts& facts);

struct SweepStatus {
    std::vector<CellStatus> cells;
    std::string slurmError;  // why Slurm's view is missing, when jobs were submitted and it is
    int count(CellState state) const;
};

// Reads every cell's facts; asks Slurm only when the sweep was submitted to it.
SweepStatus sweepStatus(const SweepPlan& plan);

}  // namespace sb
