// scenebench-cli sweep run / submit / cell: a sweep's cells run here (child processes,
// N at a time), handed to Slurm as a job array, or one cell run (what both start).
#include "app/cli/CommandRegistry.h"
#include "app/cli/RunExecution.h"
#include "app/cli/TerminalProgress.h"
#include "core/sweep/CellAttempts.h"
#include "core/sweep/LocalSweep.h"
#include "core/sweep/SlurmSubmitter.h"
#include "core/sweep/SweepPlan.h"
#include "core/sweep/SweepReport.h"
#include "core/sweep/SweepStatus.h"
#include "core/experiment/RunLock.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace sb::cli {
namespace {

// This program's own path, for the child processes and the Slurm script.
std::string selfPath() { return fs::canonical("/proc/self/exe").string(); }

std::string device(Args& args)
{
    const std::string d = args.value("device", "");
    if (!d.empty() && d != "cpu" && d != "cuda") throw UsageError("--device must be cpu or cuda, got '" + d + "'");
    return d;
}

int runSweepCommand(Args& args)
{
    const SweepPlan plan = SweepPlan::open(args.positional("SWEEP_DIR"));
    LocalSweepOptions o;
    o.cli = selfPath();
    o.jobs = int(args.integer("jobs", 1, 1, 256));
    o.threads = int(args.integer("threads", 0, 0, 1024));
    o.device = device(args);
    args.finish();
    TerminalProgress progress;
    CancellationToken token;
    installCancelOnInterrupt(token);
    const LocalSweepResult r = runSweepLocally(plan, o, &progress, token);
    std::cout << "sweep " << plan.path() << ": " << r.ran << " cells run now, " << r.skipped
              << " already done or running elsewhere\n";
    if (r.cancelled) {
        std::cerr << "cancelled; the cells keep their last epoch. Continue with:\n  scenebench-cli sweep run "
                  << plan.path() << "\n";
        return 130;
    }
    for (const auto& f : r.failed) std::cerr << "failed: " << f << "\n";
    std::cout << "\n" << reportTable(makeSweepReport(plan));
    return r.failed.empty() ? 0 : 1;
}

int cellCommand(Args& args)
{
    const SweepPlan plan = SweepPlan::open(args.positional("SWEEP_DIR"));
    const auto id = args.option("id");
    const auto index = args.optionalInteger("index", 0, int(SweepConfig::kMaxCells));
    if (id.has_value() == index.has_value()) throw UsageError("give the cell as --id ID or --index N (one of them)");
    RunOptions o;
    o.threads = int(args.integer("threads", 0, 0, 1024));
    o.device = device(args);
    args.finish();
    const SweepCell& cell = id ? plan.cell(*id) : plan.cellAt(size_t(*index));
    const std::string folder = plan.runFolder(cell);
    const bool exists = fs::exists(fs::path(folder) / RunDirectory::kExperimentFile);
    if (exists && isRunFinished(folder)) {
        std::cout << "cell " << cell.id << " is done: " << folder << "\n";
        return 0;
    }
    if (exists && RunLock::isHeld(folder)) {  // a duplicate task: leave the cell to its runner
        std::cout << "cell " << cell.id << " is being run by another process now\n";
        return 0;
    }
    o.experimentFolder = plan.experimentFolder();
    o.teacherCache = plan.teacherCacheFolder();
    CellAttempts attempts(plan.attemptsFile(cell));
    attempts.start(exists ? "resume" : "run");
    try {
        auto run = exists ? RunDirectory::open(folder) : RunDirectory::create(folder, cellExperiment(plan.config(), cell));
        if (!exists) writeRunOptions(run, o);
        const int code = executeRun(std::move(run), o);
        attempts.end(code, code == 0 ? "" : "cancelled");
        return code;
    } catch (const Error& e) {
        attempts.end(2, e.what());
        throw;
    } catch (const std::exception& e) {
        attempts.end(3, e.what());
        throw;
    }
}

int submitCommand(Args& args)
{
    const SweepPlan plan = SweepPlan::open(args.positional("SWEEP_DIR"));
    if (!args.flag("slurm")) throw UsageError("say where to submit: --slurm (the one scheduler supported)");
    SlurmOptions o;
    o.cli = args.value("cli", selfPath());
    o.partition = args.value("partition", "");
    o.time = args.value("time", "");
    o.cpus = int(args.integer("cpus", 1, 1, 1024));
    o.gpus = int(args.integer("gpus", 0, 0, 64));
    o.arrayLimit = int(args.integer("array-limit", 0, 0, 100000));
    args.finish();
    std::string why;
    const auto submission = submitToSlurm(plan, o, &why);
    if (!submission) {
        std::cout << why << "\n";
        return 0;
    }
    std::cout << "submitted job " << submission->jobId << ": " << submission->cells.size() << " cells (array "
              << arrayRanges(submission->cells) << ")\nscript: " << submission->script
              << "\nwatch it: scenebench-cli sweep status " << plan.path() << "\n";
    return 0;
}

const char* kRunHelp =
    "usage: scenebench-cli sweep run SWEEP_DIR [--jobs N] [--threads N] [--device cpu|cuda]\n"
    "\n"
    "Runs the sweep's cells on this machine, each as its own process ('sweep cell'), N at a\n"
    "time (default 1), with its output in SWEEP_DIR/logs/<cell>.log. Finished cells are\n"
    "skipped, interrupted ones resume, one that fails is tried once more and then reported.\n"
    "Ctrl-C stops every cell at its next batch; run the command again to continue.\n"
    "Prints the learning-curve report at the end. Exit codes: 0 all done, 1 a cell failed,\n"
    "2 bad input, 130 cancelled.\n"
    "\n"
    "options:\n"
    "  --jobs N      cells at once (default 1)\n"
    "  --threads N   threads per cell (default: the experiment's, else the cores divided\n"
    "                among the jobs)\n"
    "  --device D    cpu or cuda (default: the experiment's)\n";

const char* kCellHelp =
    "usage: scenebench-cli sweep cell SWEEP_DIR (--id CELL | --index N) [--threads N] [--device cpu|cuda]\n"
    "\n"
    "Runs one cell of a sweep into SWEEP_DIR/<cell-id>/, or resumes it when it was\n"
    "interrupted; does nothing for a finished cell or one another process runs. This is\n"
    "what 'sweep run' starts and what each task of a Slurm array runs (--index\n"
    "$SLURM_ARRAY_TASK_ID). Each attempt is recorded in SWEEP_DIR/attempts/<cell-id>.jsonl.\n";

const char* kSubmitHelp =
    "usage: scenebench-cli sweep submit SWEEP_DIR --slurm [--partition P] [--time T] [--cpus C]\n"
    "                                   [--gpus G] [--array-limit K] [--cli PATH]\n"
    "\n"
    "Writes SWEEP_DIR/slurm/submit-NNN.sbatch, a job array whose task k runs cell k, and\n"
    "submits it with sbatch. Only cells not done, running or queued are submitted, so\n"
    "submitting again after a failure or a scancel runs what is left (interrupted cells\n"
    "resume). SWEEP_DIR must be on a file system the nodes share.\n"
    "\n"
    "options:\n"
    "  --partition P    Slurm partition (default: the cluster's)\n"
    "  --time T         time limit per cell, e.g. 2:00:00 (default: the partition's)\n"
    "  --cpus C         CPUs per cell, used as its threads (default 1)\n"
    "  --gpus G         GPUs per cell (--gres=gpu:G); the cells then run with --device cuda\n"
    "                   (needs a CUDA build of SceneBench on the nodes)\n"
    "  --array-limit K  at most K cells at once (%K)\n"
    "  --cli PATH       scenebench-cli as the nodes see it (default: this one)\n";

const CommandRegistration runRegistration({"sweep run", "run a sweep's cells on this machine", kRunHelp, {},
                                           runSweepCommand});
const CommandRegistration cellRegistration({"sweep cell", "run or resume one cell of a sweep", kCellHelp, {},
                                            cellCommand});
const CommandRegistration submitRegistration({"sweep submit", "submit a sweep to Slurm as a job array", kSubmitHelp,
                                              {"slurm"}, submitCommand});

}  // namespace
}  // namespace sb::cli
