#pragma once
// One trained model's evaluation outputs in a run directory: predictions.csv,
// confusion.json, test_logits.npy, embeddings (when given) and its summary.json entry.
// Shared by the experiment runner and `scenebench-cli eval`.
#include "core/common/CancellationToken.h"
#include "core/experiment/RunDirectory.h"
#include "core/train/ClipTensors.h"
#include "core/results/Evaluation.h"

#include <torch/torch.h>

#include <functional>
#include <string>
#include <utility>

namespace sb {

// The scores of logits (N, classes) for `clips` in order.
EvaluationResult evaluateLogits(const torch::Tensor& logits, const ClipTensors& clips);

// logits: (N, classes) for `clips` in order; embeddings: (N, D) or undefined. `extra`
// (an object, or null) adds fields to the model's summary.json entry.
EvaluationResult publishEvaluation(const RunDirectory& run, const std::string& model, const torch::Tensor& logits,
                                   const torch::Tensor& embeddings, const ClipTensors& clips,
                                   const nlohmann::json& extra = nullptr);

// A model's (logits, embedding) for a batch of inputs.
using EmbeddingForward = std::function<std::pair<torch::Tensor, torch::Tensor>(const torch::Tensor&)>;
// (logits, embeddings) of every input, in batches moved to `device`, without gradients;
// checks the token between batches. The caller puts the model in eval mode.
std::pair<torch::Tensor, torch::Tensor> predictWithEmbeddings(const EmbeddingForward& forward, const torch::Tensor& inputs,
                                                              int64_t batchSize, const torch::Device& device,
                                                              CancellationToken& token);

torch::Tensor loadNpyTensor(const std::string& path);
void saveNpyTensor(const std::string& path, const torch::Tensor& t);

}  // namespace sb
