#pragma once
// Post-training quantisation of a trained TF-SepNet into the int8 student
// (QuantizedTfSepNet), the standard recipe (PyTorch's eager-mode PTQ, TFLite):
//   1. fold every BatchNorm, in eval mode, into the convolution before it:
//      w' = w · γ/√(σ² + ε) per output channel, b' = β − γ·μ/√(σ² + ε);
//   2. calibrate: run clips through the folded network in float and record the minimum
//      and maximum of every quantisation point (per tensor, over all clips);
//   3. quantise: activations uint8 from those ranges (QuantParams::fromRange), weights int8
//      per output channel, biases int32 at input scale × weight scale (Int8Conv).
// Min/max rather than a percentile: the int8 model then never clips a value calibration
// saw, and it is PyTorch's default observer for post-training quantisation.
#include "core/common/CancellationToken.h"
#include "core/models/GraphArithmetic.h"
#include "core/models/QuantizedTfSepNet.h"
#include "core/models/ResNorm.h"
#include "core/models/TfSepNetGraph.h"

#include <map>
#include <utility>
#include <vector>

namespace sb {

class StudentQuantizer : private GraphArithmetic {
public:
    // Folds the BatchNorms of `net` (its running statistics, as in eval mode).
    explicit StudentQuantizer(const TfSepNetImpl& net);

    // The folded network in float on x (B, inChannels, mels, frames): its logits (B, classes),
    // which equal the original network's to float rounding. Records every point's range.
    torch::Tensor observe(const torch::Tensor& x);
    // The int8 model from the ranges observed so far; sb::Error before any observe().
    QuantizedTfSepNet quantize(const QuantizationRecord& record) const;

    const TfSepNetGraph& graph() const { return graph_; }
    // The folded weight (out, in/groups, kh, kw) and bias (out) of conv `index`, float64.
    const std::pair<torch::Tensor, torch::Tensor>& folded(size_t index) const { return folded_[index]; }
    // (min, max) per point observed so far.
    const std::map<std::string, std::pair<double, double>>& ranges() const { return ranges_; }

private:
    Activation input(const torch::Tensor& x) override;
    Activation conv(size_t index, const ConvSpec& spec, const Activation& x) override;
    Activation norm(const std::string& point, const Activation& x) override;
    Activation pool(const Activation& x) override;
    Activation mean(const std::string& point, const Activation& x, const std::vector<int64_t>& dims) override;
    Activation add(const std::string& point, const Activation& a, const Activation& b) override;
    Activation track(const std::string& point, const torch::Tensor& values);

    TfSepNetGraph graph_;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> folded_;   // float64, for quantising
    std::vector<std::pair<torch::Tensor, torch::Tensor>> float32_;  // the same in float32, for calibrating
    std::vector<std::string> convInput_;  // the point each conv reads (its input scale sets the bias scale)
    std::map<std::string, std::pair<double, double>> ranges_;
    ResNorm norm_;
};

// Calibrates on `calibration` (N, inChannels, mels, frames) in batches, checking `token`
// between them, and returns the int8 model.
QuantizedTfSepNet quantizeTfSepNet(const TfSepNetImpl& net, const torch::Tensor& calibration,
                                   const QuantizationRecord& record, CancellationToken& token,
                                   int64_t batchSize = 64);

}  // namespace sb
