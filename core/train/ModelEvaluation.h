#pragma once
// One trained model's evaluation outputs in a run directory: predictions.csv,
// confusion.json, test_logits.npy, embeddings (when given) and its summary.json entry.
// Shared by the experiment runner and `scenebench-cli eval`.
#include "core/experiment/RunDirectory.h"
#include "core/train/ClipTensors.h"
#include "core/train/Evaluation.h"

#include <torch/torch.h>

#include <string>

namespace sb {

// logits: (N, classes) for `clips` in order; embeddings: (N, D) or undefined.
EvaluationResult publishEvaluation(const RunDirectory& run, const std::string& model, const torch::Tensor& logits,
                                   const torch::Tensor& embeddings, const ClipTensors& clips);

torch::Tensor loadNpyTensor(const std::string& path);
void saveNpyTensor(const std::string& path, const torch::Tensor& t);

}  // namespace sb
