#pragma once
// The int8 student: a trained TF-SepNet after post-training quantisation (StudentQuantizer).
// Every convolution is an Int8Conv (BatchNorm folded in, int8 weights per output channel,
// int32 bias, integer accumulation); every tensor between operations is stored as uint8
// at a quantisation point of TfSepNetGraph. The operations without weights run as
// PyTorch's int8 backends run them: max-pool compares codes; a mean sums the codes and
// requantises; an addition dequantises both sides, adds in float32 and quantises (PyTorch's
// quantized add); ResNorm, which has no int8 kernel there, runs in float32 on the
// dequantised tensor and its output is quantised again. The logits are dequantised last.
// Saved as a plain state dict of int8, int32, uint8 and float32 tensors that
// torch.load(weights_only=True) reads (layout in docs/models.md).
#include "core/checkpoint/Checkpoint.h"
#include "core/models/Int8Conv.h"
#include "core/models/TfSepNetGraph.h"

#include <map>
#include <string>
#include <vector>

namespace sb {

// One quantisation point: its storage parameters and the range calibration observed.
struct ActivationPoint {
    QuantParams params;
    float min = 0, max = 0;
};

// How the model was calibrated, kept in the file.
struct QuantizationRecord {
    int64_t calibrationClips = 0;
    int64_t seed = 0;
};

class QuantizedTfSepNet {
public:
    static constexpr int64_t kFormat = 1;  // "quantization.format" in the file

    // `convs` in graph order; `points` holds every point of the graph.
    QuantizedTfSepNet(TfSepNetGraph graph, std::vector<Int8Conv> convs, std::map<std::string, ActivationPoint> points,
                      QuantizationRecord record);

    // Strict: sb::Error (where = path) naming a missing, unexpected or misshaped entry.
    static QuantizedTfSepNet fromStateDict(const StateDict& tensors, const TfSepNetConfig& config,
                                           const std::string& path);
    StateDict stateDict() const;

    // x: (B, inChannels, mels, frames) float features. logits: the dequantised int8 logits
    // (B, classes); embedding and featureMap: the body's dequantised output (for maps).
    TfSepNetOutput forward(const torch::Tensor& x) const;

    const TfSepNetConfig& config() const { return graph_.config(); }
    const TfSepNetGraph& graph() const { return graph_; }
    const std::vector<Int8Conv>& convs() const { return convs_; }
    const ActivationPoint& point(const std::string& name) const;  // sb::Error for an unknown name
    const QuantizationRecord& record() const { return record_; }
    // What the tensors held take (the int8 checkpoint less its calibration record).
    Int8Storage storage() const;

private:
    TfSepNetGraph graph_;
    std::vector<Int8Conv> convs_;
    std::map<std::string, ActivationPoint> points_;
    QuantizationRecord record_;
};

}  // namespace sb
