#pragma once
// What Slurm says about a sweep's jobs: the jobs submitted for it (slurm/jobs.jsonl,
// written by SlurmSubmitter) and, for each of their array tasks still known to the
// controller, its state from `squeue` (and `sacct` for ended tasks, where accounting is
// configured). Runs the Slurm commands found on PATH (SLURM_CONF chooses the cluster).
#include <map>
#include <string>
#include <vector>

namespace sb {

class SweepPlan;

struct SlurmJob {
    std::string jobId;             // the array job's id
    std::vector<size_t> cells;     // the cells it runs (array task ids = cell indices)
    std::string script;            // the sbatch script, relative to SWEEP_DIR
    double submitted = 0;          // seconds since the epoch
};

struct SlurmTaskState {
    std::string jobId;  // "JOBID_TASK"
    std::string state;  // PENDING, RUNNING, COMPLETING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...
    bool active() const;  // still queued or running: the cell must not be submitted again
};

// The sweep's submissions, oldest first.
std::vector<SlurmJob> readSlurmJobs(const SweepPlan& plan);
void appendSlurmJob(const SweepPlan& plan, const SlurmJob& job);

// For each cell of the sweep's jobs that Slurm still knows, the state of its newest
// task. `error` is set (and the map may be partial) when squeue cannot be asked: not
// installed, no controller.
std::map<size_t, SlurmTaskState> querySlurm(const SweepPlan& plan, std::string* error);

// Parses `squeue -h -r -o '%F|%K|%T'` lines (array job id, task id, state) into
// "JOBID_TASK" -> state; lines of jobs that are not arrays are ignored.
std::map<std::string, std::string> parseSqueue(const std::string& text);

}  // namespace sb
