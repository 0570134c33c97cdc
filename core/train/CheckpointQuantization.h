#pragma once
// `scenebench-cli model quantize`: a trained TF-SepNet checkpoint into the int8 student
// (post-training quantisation calibrated on training clips of a dataset), written as a
// file PyTorch loads; optionally both models evaluated on the test fold into a new run
// directory, the int8 one beside the float one with its accuracy drop.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/models/Complexity.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace sb {

struct CheckpointQuantizationParams {
    std::string checkpoint;  // a float TF-SepNet checkpoint (SceneBench, or the seed code's Lightning file)
    std::string dataset;     // TAU22 folder, or "demo"
    std::string out;         // the int8 checkpoint to write
    int64_t calibrationClips = 256;
    // Unset: taken from the experiment.json of the run the checkpoint lies in (its training
    // subset, seed and mel bins, so the run's own int8 student is reproduced), else the
    // official 100 % split, seed 1 and 512 mel bins.
    std::optional<int> split;  // an official training split: 5, 10, 25, 50 or 100
    std::optional<uint64_t> seed;
    std::optional<int> mels;
    std::string evalOut;       // non-empty: a new run directory with both models on the test fold
    int threads = 0;           // 0 = all cores
};

struct CheckpointQuantizationReport {
    std::string model;           // "TF-SepNet-64 (depth 17)"
    std::string calibration;     // which clips: "256 of 6980 clips of official split 5% (split5.csv), seed 1"
    Int8Storage bytes;
    nlohmann::json summary;      // the eval run's summary.json (null without evalOut)
};

// Checks every input before the long work; sb::Error naming the file or option otherwise.
// Writes `out` atomically (never a partial file).
CheckpointQuantizationReport quantizeCheckpoint(const CheckpointQuantizationParams& params, JobObserver* observer,
                                                CancellationToken& token);

}  // namespace sb
