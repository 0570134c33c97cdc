#pragma once
// Hands a sweep to Slurm as one job array: writes SWEEP_DIR/slurm/submit-NNN.sbatch (an
// ordinary script a user can read, edit and sbatch by hand), whose task k runs
// `scenebench-cli sweep cell SWEEP_DIR --index k`, and submits it with `sbatch`. Only
// cells that are not done, running or queued are submitted, so submitting again after a
// failure, a scancel or a lost node runs just what is left (interrupted cells resume).
#include <optional>
#include <string>
#include <vector>

namespace sb {

class SweepPlan;

struct SlurmOptions {
    std::string cli;        // absolute path of scenebench-cli as the nodes see it
    std::string partition;  // empty = the cluster's default
    std::string time;       // per task, Slurm's format ("2:00:00"); empty = the partition's
    int cpus = 1;           // per task; the cell uses this many threads
    int gpus = 0;           // per task; > 0 runs the cells with --device cuda
    int arrayLimit = 0;     // at most this many tasks at once (%K); 0 = no limit
};

// The script for `cells` (pure: the same inputs give the same text).
std::string slurmScript(const SweepPlan& plan, const std::vector<size_t>& cells, const SlurmOptions& options);
// "0-3,5,7-8" for sorted indices.
std::string arrayRanges(const std::vector<size_t>& cells);

struct SlurmSubmission {
    std::string jobId;
    std::string script;  // path
    std::vector<size_t> cells;
};

// Submits the cells that need it; nullopt when none does (`why` says so). Throws
// sb::Error with sbatch's message when sbatch fails or is missing.
std::optional<SlurmSubmission> submitToSlurm(const SweepPlan& plan, const SlurmOptions& options, std::string* why);

}  // namespace sb
