#include "core/train/StudentQuantization.h"

#include "core/checkpoint/Checkpoint.h"
#include "core/models/StudentQuantizer.h"
#include "core/train/ModelEvaluation.h"
#include "core/train/RandomSource.h"

#include <algorithm>

namespace sb {

namespace {

// Clips per batch: the int8 forward pass keeps a few uint8 and float32 copies of each
// layer's output; 64 clips of 512 mel bins stay within a few hundred MB.
constexpr int64_t kBatch = 64;

torch::Tensor asInput(const torch::Tensor& features) { return features.unsqueeze(1); }  // (N, 1, mels, frames)

}  // namespace

std::vector<int64_t> calibrationRows(int64_t n, int64_t count, uint64_t seed)
{
    RandomSource random(seed);
    std::vector<int64_t> rows = random.permutation(n);
    rows.resize(size_t(std::clamp<int64_t>(count, 0, n)));
    std::sort(rows.begin(), rows.end());
    return rows;
}

QuantizedTfSepNet calibrateInt8Student(const TfSepNetImpl& net, const torch::Tensor& features,
                                       const QuantizationRecord& record, ProgressTracker* progress,
                                       CancellationToken& token)
{
    StudentQuantizer quantizer(net);
    for (int64_t b = 0; b < features.size(0); b += kBatch) {
        token.checkpoint();
        const int64_t n = std::min(kBatch, features.size(0) - b);
        quantizer.observe(asInput(features.narrow(0, b, n)));
        if (progress) progress->advance(long(n));
    }
    return quantizer.quantize(record);
}

std::pair<torch::Tensor, torch::Tensor> predictInt8(const QuantizedTfSepNet& net, const torch::Tensor& features,
                                                    ProgressTracker* progress, CancellationToken& token)
{
    std::vector<torch::Tensor> logits, embeddings;
    for (int64_t b = 0; b < features.size(0); b += kBatch) {
        token.checkpoint();
        const int64_t n = std::min(kBatch, features.size(0) - b);
        const TfSepNetOutput out = net.forward(asInput(features.narrow(0, b, n)));
        logits.push_back(out.logits);
        embeddings.push_back(out.embedding);
        if (progress) progress->advance(long(n));
    }
    return {torch::cat(logits), torch::cat(embeddings)};
}

nlohmann::json publishInt8Student(const RunDirectory& run, const std::string& floatModel, const QuantizedTfSepNet& net,
                                  const ClipTensors& test, const std::pair<torch::Tensor, torch::Tensor>& predictions)
{
    const std::string model = floatModel + "-int8";
    const auto& [logits, embeddings] = predictions;
    writeCheckpoint(run.checkpointPath(model), net.stateDict());
    const Int8Storage bytes = net.storage();
    nlohmann::json extra = {{"float_model", floatModel},
                            {"parameter_bytes", bytes.total()},
                            {"parameter_bytes_detail",
                             {{"weights", bytes.weights},
                              {"weight_scales", bytes.weightScales},
                              {"biases", bytes.biases},
                              {"activations", bytes.activations}}},
                            {"calibration_clips", net.record().calibrationClips}};
    const nlohmann::json summary = run.summary();
    if (summary.contains(floatModel) && summary[floatModel].contains("accuracy")) {
        extra["accuracy_drop"] = summary[floatModel]["accuracy"].get<double>() - evaluateLogits(logits, test).accuracy;
    }
    publishEvaluation(run, model, logits, embeddings, test, extra);
    return run.summary()[model];
}

}  // namespace sb
