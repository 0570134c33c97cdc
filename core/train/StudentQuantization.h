#pragma once
// The int8 student in a run: post-training quantisation of a trained student (calibrated
// on clips of its own training subset), its evaluation on the test fold, and its place in
// the run directory: checkpoints/<model>-int8.pt, models/<model>-int8/ and a summary.json
// entry that puts the float model's accuracy beside it. Used by the experiment runner's
// quantise stage and by `scenebench-cli model quantize`.
#include "core/common/CancellationToken.h"
#include "core/common/ProgressTracker.h"
#include "core/experiment/RunDirectory.h"
#include "core/models/QuantizedTfSepNet.h"
#include "core/train/ClipTensors.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sb {

// 256 clips, or the whole training subset when it is smaller (the demo's 190). On the demo,
// 16 or 64 clips cost 0.2 points of int8 accuracy more than all 190 (docs/models.md);
// calibrating on 256 takes a second or two.
inline constexpr int64_t kDefaultCalibrationClips = 256;

// `count` of the rows 0 … n−1, drawn without replacement by a permutation seeded with
// `seed` (all of them when count ≥ n), in ascending order.
std::vector<int64_t> calibrationRows(int64_t n, int64_t count, uint64_t seed);

// The int8 model of `net` calibrated on `features` (N, mels, frames): every clip of it.
// Progress goes to `progress` (calibration clips), the token is checked between batches.
QuantizedTfSepNet calibrateInt8Student(const TfSepNetImpl& net, const torch::Tensor& features,
                                       const QuantizationRecord& record, ProgressTracker* progress,
                                       CancellationToken& token);

// The int8 model's (logits, embeddings) of every clip of `features` (N, mels, frames).
std::pair<torch::Tensor, torch::Tensor> predictInt8(const QuantizedTfSepNet& net, const torch::Tensor& features,
                                                    ProgressTracker* progress, CancellationToken& token);

// Writes checkpoints/<floatModel>-int8.pt and publishes the int8 model's evaluation on
// `test` (its `predictions`: predictInt8's logits and embeddings) as "<floatModel>-int8":
// the usual summary fields plus float_model, accuracy_drop (the float model's accuracy in
// the run's summary minus the int8 one), parameter_bytes (Int8Storage::total) with its
// parts in parameter_bytes_detail, and calibration_clips. Returns the summary entry.
nlohmann::json publishInt8Student(const RunDirectory& run, const std::string& floatModel, const QuantizedTfSepNet& net,
                                  const ClipTensors& test, const std::pair<torch::Tensor, torch::Tensor>& predictions);

}  // namespace sb
