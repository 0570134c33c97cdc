#pragma once
// One cell of a sweep: the experiment at one training-subset size (official split or
// custom percentage), one seed and one ensemble of teachers. Its id is made of those
// values ("split5-seed1", "pct2.5-seed3-frozen+trained"), so it stays the same whenever
// the same sweep is planned again, and names the cell's run directory SWEEP_DIR/<id>/.
#include "core/experiment/ExperimentConfig.h"

#include <string>
#include <vector>

namespace sb {

struct SweepCell {
    size_t index = 0;  // position in the plan: the Slurm array task id
    std::string id;
    int split = 0;       // official split, or 0 when `percent` is used
    double percent = 0;  // custom nested subset, or 0
    int seed = 0;
    std::vector<std::string> ensemble;  // empty = the experiment's own

    double subsetPercent() const { return percent > 0 ? percent : double(split); }
};

// Every cell of config.sweep, splits (then percentages) outermost, then seeds, then
// ensembles. An experiment without a sweep section is one cell. Throws sb::Error when two
// cells would get the same id (teacher names that differ only in characters an id
// cannot hold).
std::vector<SweepCell> expandSweep(const ExperimentConfig& config);

// The experiment one cell runs: the sweep section removed, the cell's subset, seed and
// ensemble set, its name suffixed with the cell id. With sweep ensembles, the teachers
// named in none of them are left out (the same for every cell, so a teacher's
// position, and with it its initial weights, is the same in every cell).
ExperimentConfig cellExperiment(const ExperimentConfig& config, const SweepCell& cell);

}  // namespace sb
