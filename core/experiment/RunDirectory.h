#pragma once
// The run store: one folder per run holding everything it produced (layout in
// docs/run-directory.md). Every file is written atomically, so a run killed at any
// moment leaves only complete files, and a GUI can read a run while it is written.
#include "core/experiment/ExperimentConfig.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sb {

// One row of a model's embeddings index (embeddings.csv), aligned with embeddings.npy.
struct EmbeddingRow {
    std::string filename, scene, device, city, predicted;
};

// Whether a run directory's metrics.jsonl ends with the run's final event (reads only
// its last few kB: the file can be long).
bool isRunFinished(const std::string& runFolder);

class RunDirectory {
public:
    static constexpr const char* kExperimentFile = "experiment.json";
    static constexpr const char* kMetricsFile = "metrics.jsonl";
    static constexpr const char* kSummaryFile = "summary.json";

    // Makes a new run folder holding the experiment as run. Refuses a folder that
    // already holds files (a run there is continued with open() + resume, never overwritten).
    static RunDirectory create(const std::string& folder, const ExperimentConfig& config);
    // An existing run; throws sb::Error naming the folder when it is not one.
    static RunDirectory open(const std::string& folder);

    const std::string& path() const { return path_; }
    const ExperimentConfig& config() const { return config_; }
    std::string file(const std::string& relative) const;  // path_/relative
    std::string metricsPath() const { return file(kMetricsFile); }
    // models/<model>/, created on first use: predictions, confusion, embeddings of one model.
    std::string modelFolder(const std::string& model) const;
    std::string checkpointPath(const std::string& name) const;  // checkpoints/<name>.pt

    void writeJson(const std::string& relative, const nlohmann::json& value) const;
    // Replaces the entry of `model` in summary.json, keeping the other models' entries.
    void updateSummary(const std::string& model, const nlohmann::json& entry) const;
    nlohmann::json summary() const;  // {} when none yet

    // models/<model>/predictions.csv in the DCASE submission format: tab separated
    // "filename scene_label <one probability column per scene>".
    void writePredictions(const std::string& model, const std::vector<std::string>& filenames,
                          const std::vector<float>& probabilities, const std::vector<std::string>& classNames) const;
    // models/<model>/embeddings.npy (rows x dims float32) + embeddings.csv (the rows' clips).
    void writeEmbeddings(const std::string& model, const std::vector<float>& embeddings, int dims,
                         const std::vector<EmbeddingRow>& rows) const;

private:
    RunDirectory(std::string path, ExperimentConfig config);
    std::string path_;
    ExperimentConfig config_;
};

}  // namespace sb
