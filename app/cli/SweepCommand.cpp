// scenebench-cli sweep plan / status / report: a sweep's cells planned from an
// experiment file, where each stands, and its learning curve (core/sweep; docs/sweeps.md).
#include "app/cli/CommandRegistry.h"
#include "core/common/AtomicFile.h"
#include "core/experiment/ExperimentFile.h"
#include "core/sweep/SweepPlan.h"
#include "core/sweep/SweepReport.h"
#include "core/sweep/SweepStatus.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace sb::cli {
namespace {

std::string subsetText(const SweepCell& c)
{
    char text[32];
    std::snprintf(text, sizeof text, c.percent > 0 ? "%.4g %% (custom)" : "%.4g %%", c.subsetPercent());
    return text;
}

std::string ensembleText(const SweepCell& c)
{
    std::string text;
    for (const auto& n : c.ensemble) text += (text.empty() ? "" : "+") + n;
    return text.empty() ? "(experiment's)" : text;
}

int planCommand(Args& args)
{
    const std::string experiment = args.positional("EXPERIMENT.json");
    const std::string out = args.required("out");
    args.finish();
    const ExperimentConfig config = readExperiment(experiment);
    if (!config.sweep.present)
        std::cerr << "note: " << experiment << " has no sweep section: the sweep is its one run\n";
    const SweepPlan plan = SweepPlan::create(out, config, experiment);
    std::printf("sweep '%s': %zu cells in %s\n", plan.name().c_str(), plan.cells().size(), plan.path().c_str());
    std::printf("%5s  %-40s %-18s %6s  %s\n", "index", "cell", "subset", "seed", "ensemble");
    for (const auto& c : plan.cells())
        std::printf("%5zu  %-40s %-18s %6d  %s\n", c.index, c.id.c_str(), subsetText(c).c_str(), c.seed,
                    ensembleText(c).c_str());
    std::printf("\nrun it here:      scenebench-cli sweep run %s [--jobs N]\n"
                "or on Slurm:      scenebench-cli sweep submit %s --slurm [--partition P --time T --cpus C]\n",
                plan.path().c_str(), plan.path().c_str());
    return 0;
}

nlohmann::json statusJson(const SweepStatus& status)
{
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : status.cells)
        cells.push_back({{"index", c.cell.index},
                         {"id", c.cell.id},
                         {"state", cellStateName(c.state)},
                         {"attempts", c.attempts},
                         {"detail", c.detail}});
    return {{"cells", cells}, {"slurm_error", status.slurmError}};
}

int statusCommand(Args& args)
{
    const SweepPlan plan = SweepPlan::open(args.positional("SWEEP_DIR"));
    const bool json = args.flag("json");
    args.finish();
    const SweepStatus status = sweepStatus(plan);
    if (json) {
        std::cout << statusJson(status).dump(2) << "\n";
        return 0;
    }
    std::printf("%5s  %-40s %-12s %8s  %s\n", "index", "cell", "state", "attempts", "detail");
    for (const auto& c : status.cells)
        std::printf("%5zu  %-40s %-12s %8d  %s\n", c.cell.index, c.cell.id.c_str(), cellStateName(c.state), c.attempts,
                    c.detail.c_str());
    std::printf("\n%zu cells:", status.cells.size());
    for (const auto state : {CellState::Done, CellState::Running, CellState::Queued, CellState::Interrupted,
                             CellState::Failed, CellState::Pending})
        if (const int n = status.count(state)) std::printf(" %d %s", n, cellStateName(state));
    std::printf("\n");
    if (!status.slurmError.empty()) std::printf("Slurm: %s\n", status.slurmError.c_str());
    return 0;
}

int reportCommand(Args& args)
{
    const SweepPlan plan = SweepPlan::open(args.positional("SWEEP_DIR"));
    const std::string folder = args.value("out", plan.path());
    args.finish();
    const SweepReport report = makeSweepReport(plan);
    std::filesystem::create_directories(folder);
    const std::string csv = (std::filesystem::path(folder) / "report.csv").string();
    const std::string json = (std::filesystem::path(folder) / "report.json").string();
    writeFileAtomic(csv, reportCsv(report));
    writeFileAtomic(json, reportJson(report).dump(2) + "\n");
    std::cout << reportTable(report) << "\nwritten: " << csv << ", " << json << "\n";
    return 0;
}

const char* kPlanHelp =
    "usage: scenebench-cli sweep plan EXPERIMENT.json --out SWEEP_DIR\n"
    "\n"
    "Expands the experiment's \"sweep\" section (splits or percents x seeds x ensembles;\n"
    "docs/sweeps.md) into cells and writes SWEEP_DIR/sweep.json. Each cell will run into\n"
    "SWEEP_DIR/<cell-id>/. Planning the same experiment into the same folder again changes\n"
    "nothing; a different one is refused.\n"
    "\n"
    "example:\n"
    "  scenebench-cli sweep plan projects/demo-sweep.json --out runs/demo-sweep\n";

const char* kStatusHelp =
    "usage: scenebench-cli sweep status SWEEP_DIR [--json]\n"
    "\n"
    "Each cell's state: done, running (a live process here, or Slurm), queued (Slurm),\n"
    "interrupted (started, not running: resumed by the next run or submit), failed (the\n"
    "last attempt's error) or pending. Asks squeue (and sacct) when the sweep was\n"
    "submitted to Slurm.\n";

const char* kReportHelp =
    "usage: scenebench-cli sweep report SWEEP_DIR [--out DIR]\n"
    "\n"
    "The learning curve of the finished cells: test accuracy per model (and ensemble) and\n"
    "subset size, mean ± std over seeds, and the mean over sizes (the paper's figure of\n"
    "merit). Prints the table and writes report.csv and report.json into DIR (default:\n"
    "SWEEP_DIR).\n";

const CommandRegistration planRegistration({"sweep plan", "plan a sweep's cells from an experiment file", kPlanHelp, {},
                                            planCommand});
const CommandRegistration statusRegistration({"sweep status", "show where each cell of a sweep stands", kStatusHelp,
                                              {"json"}, statusCommand});
const CommandRegistration reportRegistration({"sweep report", "a sweep's learning curve: mean ± std per split",
                                              kReportHelp, {}, reportCommand});

}  // namespace
}  // namespace sb::cli
