#pragma once
// Runs (or resumes) one run directory from the terminal: progress on stderr, Ctrl-C or
// SIGTERM cancels at the next batch, the summary table at the end. Shared by `run`,
// `resume` and `sweep cell`.
#include "core/train/ExperimentRunner.h"

namespace sb::cli {

// Returns the exit code: 0 finished, 130 cancelled; sb::Error propagates (exit 2).
int executeRun(RunDirectory run, const RunOptions& options);

// run-options.json of a run directory: what `resume` needs that the experiment does not say.
void writeRunOptions(const RunDirectory& run, const RunOptions& options);
void readRunOptions(const RunDirectory& run, RunOptions& options);

}  // namespace sb::cli
