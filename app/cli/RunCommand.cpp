// scenebench-cli run / resume: the method end to end from an experiment file into a
// run directory (core/train/ExperimentRunner).
#include "app/cli/CommandRegistry.h"
#include "app/cli/TerminalProgress.h"
#include "core/experiment/ExperimentFile.h"
#include "core/train/ExperimentRunner.h"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace sb::cli {
namespace {

int execute(RunDirectory run, RunOptions options)
{
    TerminalProgress progress;
    CancellationToken token;
    installCancelOnInterrupt(token);
    const std::string folder = run.path();
    try {
        ExperimentRunner runner(std::move(run), options, &progress, token);
        const auto summary = runner.run();
        std::cout << "run finished: " << folder << "\n\n" << summaryTable(summary);
        return 0;
    } catch (const Cancelled&) {
        std::cerr << "cancelled; finished stages and the last epoch are kept. Continue with:\n"
                  << "  scenebench-cli resume " << folder << "\n";
        return 130;
    }
}

RunOptions options(Args& args)
{
    RunOptions o;
    o.threads = int(args.integer("threads", 0, 0, 1024));
    o.device = args.value("device", "");
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
    run.writeJson("run-options.json", {{"experiment_folder", o.experimentFolder}});
    return execute(std::move(run), o);
}

int resumeCommand(Args& args)
{
    const std::string folder = args.positional("RUN_DIR");
    RunOptions o = options(args);
    args.finish();
    auto run = RunDirectory::open(folder);
    std::ifstream saved(run.file("run-options.json"));
    if (saved) o.experimentFolder = nlohmann::json::parse(saved).value("experiment_folder", "");
    return execute(std::move(run), o);
}

const char* kRunHelp =
    "usage: scenebench-cli run EXPERIMENT.json --out RUN_DIR [--threads N] [--device cpu|cuda]\n"
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
