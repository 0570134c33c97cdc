#include "core/sweep/SlurmSubmitter.h"

#include "core/common/AtomicFile.h"
#include "core/common/Error.h"
#include "core/common/Subprocess.h"
#include "core/sweep/SlurmQueue.h"
#include "core/sweep/SweepPlan.h"
#include "core/sweep/SweepStatus.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace sb {
namespace {

// Single-quoted for bash: safe for any path.
std::string quoted(const std::string& text)
{
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Slurm job names: printable, no spaces (they show in squeue's narrow column).
std::string jobName(const std::string& name)
{
    std::string out = "sb-";
    for (const char c : name) out += (c > ' ' && c < 127 && c != '\'' && c != '"') ? c : '_';
    return out.substr(0, 40);
}

std::vector<size_t> cellsToSubmit(const SweepPlan& plan)
{
    std::vector<size_t> cells;
    for (const auto& c : sweepStatus(plan).cells)
        if (c.state == CellState::Pending || c.state == CellState::Interrupted || c.state == CellState::Failed)
            cells.push_back(c.cell.index);
    return cells;
}

}  // namespace

std::string arrayRanges(const std::vector<size_t>& cells)
{
    std::string out;
    for (size_t i = 0; i < cells.size();) {
        size_t j = i;
        while (j + 1 < cells.size() && cells[j + 1] == cells[j] + 1) ++j;
        out += (out.empty() ? "" : ",") + std::to_string(cells[i]);
        if (j > i) out += (j == i + 1 ? "," : "-") + std::to_string(cells[j]);
        i = j + 1;
    }
    return out;
}

std::string slurmScript(const SweepPlan& plan, const std::vector<size_t>& cells, const SlurmOptions& o)
{
    const std::string logs = (fs::path(plan.slurmFolder()) / "logs").string();
    std::ostringstream s;
    s << "#!/bin/bash\n"
      << "# SceneBench sweep '" << plan.name() << "': " << cells.size() << " of its " << plan.cells().size()
      << " cells, written by 'scenebench-cli sweep submit'.\n"
      << "# Array task k runs cell k of " << plan.path() << "/sweep.json into " << plan.path() << "/<cell-id>/;\n"
      << "# a cell that was interrupted resumes. Submit it again by hand with: sbatch <this file>\n"
      << "#SBATCH --job-name=" << jobName(plan.name()) << "\n"
      << "#SBATCH --array=" << arrayRanges(cells) << (o.arrayLimit > 0 ? "%" + std::to_string(o.arrayLimit) : "")
      << "\n"
      << "#SBATCH --ntasks=1\n"
      << "#SBATCH --cpus-per-task=" << o.cpus << "\n";
    if (!o.partition.empty()) s << "#SBATCH --partition=" << o.partition << "\n";
    if (!o.time.empty()) s << "#SBATCH --time=" << o.time << "\n";
    if (o.gpus > 0) s << "#SBATCH --gres=gpu:" << o.gpus << "\n";
    s << "#SBATCH --output=" << logs << "/%A_%a.out\n"
      << "#SBATCH --open-mode=append\n"
      << "set -eu\n"
      // exec: scancel's SIGTERM reaches the cell itself, which stops at the next batch
      // and keeps its last epoch.
      << "exec " << quoted(o.cli) << " sweep cell " << quoted(plan.path()) << " --index \"$SLURM_ARRAY_TASK_ID\""
      << " --threads \"${SLURM_CPUS_PER_TASK:-" << o.cpus << "}\"" << (o.gpus > 0 ? " --device cuda" : "") << "\n";
    return s.str();
}

std::optional<SlurmSubmission> submitToSlurm(const SweepPlan& plan, const SlurmOptions& options, std::string* why)
{
    if (options.cli.empty() || !fs::path(options.cli).is_absolute())
        throw Error("the path of scenebench-cli must be absolute (the nodes run it): '" + options.cli + "'", "--cli");
    if (options.cpus < 1) throw Error("must be at least 1", "--cpus");
    const auto cells = cellsToSubmit(plan);
    if (cells.empty()) {
        if (why) *why = "every cell is done, running or queued: nothing to submit";
        return std::nullopt;
    }
    fs::create_directories(fs::path(plan.slurmFolder()) / "logs");
    char name[32];
    std::snprintf(name, sizeof name, "submit-%03zu.sbatch", readSlurmJobs(plan).size() + 1);
    const std::string script = (fs::path(plan.slurmFolder()) / name).string();
    writeFileAtomic(script, slurmScript(plan, cells, options));
    fs::permissions(script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);

    const auto r = runCommand({"sbatch", "--parsable", script}, 120);
    if (!r.started) throw Error("sbatch was not found: is this a Slurm login node? (the script is written)", script);
    if (r.exitCode != 0)
        throw Error("sbatch refused the script: " + (r.err.empty() ? r.out : r.err), script);
    // --parsable prints "jobid" or "jobid;cluster".
    std::string jobId = r.out.substr(0, r.out.find_first_of(";\n"));
    if (jobId.empty() || jobId.find_first_not_of("0123456789") != std::string::npos)
        throw Error("sbatch printed no job id: '" + r.out + "'", script);
    const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    appendSlurmJob(plan, {jobId, cells, fs::path(script).lexically_relative(plan.path()).string(), now});
    return SlurmSubmission{jobId, script, cells};
}

}  // namespace sb
