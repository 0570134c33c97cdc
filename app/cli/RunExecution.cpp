#include "app/cli/RunExecution.h"

#include "app/cli/TerminalProgress.h"
#include "core/common/Error.h"

#include <fstream>
#include <iostream>

namespace sb::cli {

int executeRun(RunDirectory run, const RunOptions& options)
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

void writeRunOptions(const RunDirectory& run, const RunOptions& options)
{
    nlohmann::json saved = {{"experiment_folder", options.experimentFolder}};
    if (!options.teacherCache.empty()) saved["teacher_cache"] = options.teacherCache;
    run.writeJson("run-options.json", saved);
}

void readRunOptions(const RunDirectory& run, RunOptions& options)
{
    std::ifstream in(run.file("run-options.json"));
    if (!in) return;
    const auto saved = nlohmann::json::parse(in, nullptr, false);
    if (!saved.is_object()) throw Error("not a JSON object: the run's options are unreadable", run.file("run-options.json"));
    options.experimentFolder = saved.value("experiment_folder", "");
    // A cache given on the command line wins over the one the run started with.
    if (options.teacherCache.empty()) options.teacherCache = saved.value("teacher_cache", "");
}

}  // namespace sb::cli
