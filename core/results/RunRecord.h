#pragma once
// A run directory at a glance, for the Runs view and the learning curve: what was run
// (split, seed, student size), each model's scores from summary.json, the wall time,
// whether it finished, and where its audio lives.
#include "core/experiment/ExperimentConfig.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sb {

struct ModelScores {
    double accuracy = 0;  // DCASE macro accuracy on the test fold, in [0, 1]
    double seen = 0, unseen = 0;
    long clips = 0;
    std::map<std::string, double> perDevice;
};

struct RunRecord {
    std::string path;  // absolute
    std::string name;  // the folder's name
    ExperimentConfig config;
    double splitPercent = 0;  // the official split, or the custom percentage
    int seed = 0;
    std::map<std::string, ModelScores> models;  // from summary.json (finished models only)
    std::optional<double> wallSeconds;  // the last event's time in metrics.jsonl
    bool finished = false;  // the run's final "evaluate finished" event is in metrics.jsonl

    // Reads experiment.json, summary.json (when present) and metrics.jsonl. Throws
    // sb::Error naming the file when the folder is not a run or a file is malformed.
    static RunRecord load(const std::string& runDir);

    // Run directories (folders with an experiment.json and a metrics.jsonl) in `folder`,
    // its runs/ subfolder, and one level below those (a sweep's cells), sorted by path.
    static std::vector<std::string> find(const std::string& folder);

    // The folder this run's clips are read from: the dataset root written by the runner
    // (dataset.json), else experiment.json's dataset.path ("demo" is `demoFolder`, a
    // relative path is taken from the run's parent folder).
    std::string datasetRoot(const std::string& demoFolder) const;
    // The same without loading the whole record (metrics.jsonl can be long): reads only
    // dataset.json, else experiment.json. Throws sb::Error when the folder is not a run.
    static std::string datasetRootOf(const std::string& runDir, const std::string& demoFolder);
};

}  // namespace sb
