#pragma once
// The DCASE Task 1 complexity meter: parameters, parameter memory per precision and
// multiply-accumulates, in total and per layer. Plain C++ (no torch): the workbench UI
// shows it live while an experiment is edited.
//
// Counting rule (the CPJKU baseline's complexity.py / NeSsi): forward hooks on every
// convolution and linear layer; a convolution costs output elements × (in_channels /
// groups) × kernel elements, a linear layer in × out per row. Bias additions, norms,
// pooling, activations and the front end are free.
#include <cstdint>
#include <string>
#include <vector>

namespace sb {

struct LayerComplexity {
    std::string name;                  // state-dict prefix, e.g. "middle_layers.1.trans_conv._conv"
    std::string type;                  // "Conv2d", "Conv1d", "Linear", "BatchNorm2d", "LayerNorm", ...
    int64_t params = 0;                // trainable parameters of this layer alone
    int64_t macs = 0;                  // for one input of the measured shape
    std::vector<int64_t> outputShape;  // batch dimension included (1)
};

// The parameter memory of SceneBench's int8 student (post-training quantisation of
// TF-SepNet, docs/models.md), in bytes, as its checkpoint stores it.
struct Int8Storage {
    int64_t weights = 0;      // int8: one byte per convolution weight (BatchNorm folded in)
    int64_t weightScales = 0; // float32: one per output channel of every convolution
    int64_t biases = 0;       // int32: one per output channel of every convolution
    int64_t activations = 0;  // per quantisation point: a float32 scale and a uint8 zero point
    int64_t total() const { return weights + weightScales + biases + activations; }
    bool withinLimit() const;  // total() against the Task 1 limit of 128 kB
};

struct ModelComplexity {
    std::string model;                 // e.g. "TF-SepNet-64 (depth 17)"
    std::vector<int64_t> inputShape;   // the input the MACs are counted for
    int64_t params = 0;                // every parameter of the model, each counted once
    int64_t macs = 0;                  // sum over the layers
    int64_t bytesFp32 = 0;
    int64_t bytesFp16 = 0;
    int64_t bytesInt8 = 0;             // the Task 1 rule: every parameter one byte
    Int8Storage int8Model;             // TF-SepNet only: what its int8 checkpoint really stores
    std::vector<LayerComplexity> layers;

    // Against the Task 1 limits (core/common/Dcase.h): parameter memory when stored as
    // int8 (the cheapest precision the rules accept) and MACs per 1-s clip.
    bool paramsWithinLimit() const;
    bool macsWithinLimit() const;
    bool withinLimits() const { return paramsWithinLimit() && macsWithinLimit(); }
    std::string verdict() const;  // one line, e.g. "within the Task 1 limits (...)"
};

// Fills the byte counts from `params` and sums `macs` over `layers`.
void finishComplexity(ModelComplexity& c);

// TF-SepNet with base width `width` and depth 16 or 17 on a (1, 1, mels, frames) input
// (65 frames: the 1-s input of the seed code's complexity count). Builds the network and
// runs one shapes-only forward pass; takes a few milliseconds, so the UI may call it on
// every edit. Throws sb::Error for a bad shape.
ModelComplexity measureTfSepNet(int width, int depth, int mels, int frames);

}  // namespace sb
