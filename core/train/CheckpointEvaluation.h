#pragma once
// `scenebench-cli eval`: one trained model (a SceneBench student, int8 student or teacher
// checkpoint, or a seed-code Lightning student) evaluated on a dataset's clips, written as
// a run directory holding just that model, so the GUI shows it like any run.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/experiment/ExperimentConfig.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace sb {

struct CheckpointEvaluationParams {
    std::string checkpoint;
    std::string dataset;        // TAU22 folder, or "demo" (the built-in demo dataset)
    std::string split = "test"; // "test" (fold1_evaluate) or an official training split 5, 10, 25, 50, 100
    std::string out;            // new run directory
    // TF-SepNet checkpoints carry no architecture. Taken from these when set, else from the
    // experiment.json of the run directory the checkpoint lies in, else TF-SepNet-64 (17, 512 mels).
    std::optional<int> width, depth, mels;
    int threads = 0;            // 0 = all cores
    std::string device = "cpu";
};

// The experiment of the run directory a checkpoint lies in (<run>/checkpoints/<name>.pt
// -> <run>/experiment.json), or nullopt when it lies in none.
std::optional<ExperimentConfig> experimentOfCheckpoint(const std::string& checkpoint);

// Returns the summary.json written. Throws sb::Error naming the input that is wrong.
nlohmann::json evaluateCheckpoint(const CheckpointEvaluationParams& params, JobObserver* observer,
                                  CancellationToken& token);

}  // namespace sb
