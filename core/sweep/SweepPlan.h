#pragma once
// A planned sweep on disk (docs/sweeps.md):
//   SWEEP_DIR/sweep.json          the experiment, where it came from, and the cells
//   SWEEP_DIR/<cell-id>/          one run directory per cell (docs/run-directory.md)
//   SWEEP_DIR/attempts/<id>.jsonl when each attempt at a cell started and how it ended
//   SWEEP_DIR/logs/<id>.log       a local cell's terminal output
//   SWEEP_DIR/slurm/              submitted sbatch scripts, jobs.jsonl, job output
//   SWEEP_DIR/cache/teachers/     trained teachers shared by the cells (TeacherCache)
// Planning the same experiment into the same folder again changes nothing; a different
// plan is refused, so cells already run are never mixed with another sweep's.
#include "core/experiment/ExperimentConfig.h"
#include "core/sweep/SweepCell.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sb {

class SweepPlan {
public:
    static constexpr const char* kPlanFile = "sweep.json";

    // Plans `config` (read from experimentFile; "" for one never saved) into `folder`:
    // writes sweep.json, or checks that the one there describes the same sweep. Relative
    // paths in the experiment are taken from `experimentFolder`, else from the file's
    // folder. Throws sb::Error naming the folder when it holds a different sweep or other
    // files.
    static SweepPlan create(const std::string& folder, const ExperimentConfig& config,
                            const std::string& experimentFile, const std::string& experimentFolder = {});
    // An existing sweep; throws sb::Error naming the file when sweep.json is missing or
    // malformed.
    static SweepPlan open(const std::string& folder);
    // Whether `folder` holds a sweep.json.
    static bool isSweep(const std::string& folder);

    const std::string& path() const { return path_; }  // absolute
    const std::string& name() const { return config_.name; }
    const ExperimentConfig& config() const { return config_; }
    const std::vector<SweepCell>& cells() const { return cells_; }
    // The cell with this id, or the one at this index (an array task id); throws
    // sb::Error listing what exists when there is none.
    const SweepCell& cell(const std::string& id) const;
    const SweepCell& cellAt(size_t index) const;

    // Relative paths in the experiment are taken from here (the experiment file's folder).
    const std::string& experimentFolder() const { return experimentFolder_; }
    std::string runFolder(const SweepCell& cell) const;      // SWEEP_DIR/<id>
    std::string attemptsFile(const SweepCell& cell) const;   // SWEEP_DIR/attempts/<id>.jsonl
    std::string logFile(const SweepCell& cell) const;        // SWEEP_DIR/logs/<id>.log
    std::string slurmFolder() const;                         // SWEEP_DIR/slurm
    std::string teacherCacheFolder() const;                  // SWEEP_DIR/cache/teachers

private:
    SweepPlan(std::string path, ExperimentConfig config, std::string experimentFolder);
    nlohmann::json toJson(const std::string& experimentFile) const;

    std::string path_;
    ExperimentConfig config_;
    std::string experimentFolder_;
    std::vector<SweepCell> cells_;
};

}  // namespace sb
