// scenebench-cli run / resume: the method end to end from an experiment file into a
// run directory (core/train/ExperimentRunner).
#include "app/cli/CommandRegistry.h"
#include "app/cli/RunExecution.h"
#include "core/experiment/ExperimentFile.h"

#include <filesystem>

namespace sb::cli {
namespace {

RunOptions options(Args& args)
{
    RunOptions o;
    o.threads = int(args.integer("threads", 0, 0, 1024));
    o.device = args.value("device", "");
    if (const auto cache = args.option("teacher-cache")) o.teacherCache = std::filesystem::absolute(*cache).string();
    if (!o.device.empty() && o.device != "cpu" && o.device != "cuda")
        throw UsageError("--device must be cpu or cuda, got '" + o.device + "'");
    return o;
}

int runCommand(Args& args)
{
    const std::string experiment = args.positional("EXPERIMENT.json");
    const std::string out = args.required("out");
    RunOptions o = options(args);
    args.finish();
    o.experimentFolder = std::filesystem::absolute(experiment).parent_path().string();
    const ExperimentConfig config = readExperiment(experiment);
    auto run = RunDirectory::create(out, config);
    writeRunOptions(run, o);
    return executeRun(std::move(run), o);
}

int resumeCommand(Args& args)
{
    const std::string folder = args.positional("RUN_DIR");
    RunOptions o = options(args);
    args.finish();
    auto run = RunDirectory::open(folder);
    readRunOptions(run, o);
    return executeRun(std::move(run), o);
}

const char* kRunHelp =
    "usage: scenebench-cli run EXPERIMENT.json --out RUN_DIR [--threads N] [--device cpu|cuda]\n"
    "                          [--teacher-cache DIR]\n"
    "\n"
    "Runs the method end to end: loads the dataset (\"demo\": the built-in demo dataset,\n"
    "generated on first use), picks the training subset, extracts and caches features,\n"
    "pre-trains the demo teacher encoder if needed (cached), fine-tunes the teachers,\n"
    "averages them, distils the TF-SepNet student (and a no-KD student when asked) and\n"
    "evaluates every model on the test fold. Everything goes to RUN_DIR (a new or empty\n"
    "folder; layout in docs/run-directory.md) and the summary table is printed.\n"
    "\n"
    "options:\n"
    "  --out RUN_DIR     the run directory to create\n"
    "  --threads N       CPU threads (default: the experiment's, 0 = all cores)\n"
    "  --device D        cpu or cuda (default: the experiment's)\n"
    "  --teacher-cache DIR  reuse teachers trained with the same settings, subset, seed,\n"
    "                    threads and device by earlier runs; store the ones trained now\n"
    "                    (sweeps use SWEEP_DIR/cache/teachers; docs/sweeps.md)\n"
    "\n"
    "Ctrl-C stops at the next batch and keeps the last finished epoch; continue with\n"
    "'scenebench-cli resume RUN_DIR'. Exit codes: 0 done, 2 bad input, 130 cancelled.\n"
    "\n"
    "example:\n"
    "  scenebench-cli run projects/demo.json --out runs/demo-1\n";

const char* kResumeHelp =
    "usage: scenebench-cli resume RUN_DIR [--threads N] [--device cpu|cuda]\n"
    "\n"
    "Continues a run that was cancelled or killed (kill -9 included): finished stages are\n"
    "kept, the interrupted one continues from its last finished epoch, and the run ends\n"
    "with the same results as an uninterrupted run with the same seed and thread count.\n";

const CommandRegistration runRegistration({"run", "run an experiment file end to end into a run directory", kRunHelp, {},
                                           runCommand});
const CommandRegistration resumeRegistration({"resume", "continue a cancelled or killed run", kResumeHelp, {},
                                              resumeCommand});

}  // namespace
}  // namespace sb::cli
