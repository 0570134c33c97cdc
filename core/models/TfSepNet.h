#pragma once
// TF-SepNet (Cai et al., ICASSP 2024; the student of the method): a stem of two strided
// ConvBnRelu, a body of ResNorm / MaxPool / TF-Sep blocks whose widths are C × 1, 1.5, 2,
// 2.5, and a 1×1 conv classifier averaged over frequency and time. Module and parameter
// names are those of the seed code (yqcai888/easy_dcase_task1, model/backbones.py), so
// state dicts move both ways between PyTorch and SceneBench.
#include "core/models/LayerRecorder.h"

#include <torch/torch.h>

namespace sb {

struct TfSepNetConfig {
    int width = 64;    // base channels C; a multiple of 4
    int depth = 17;    // 16, or 17 (one more max-pool before the 2.5·C blocks)
    int classes = 10;
    int inChannels = 1;
    int kernel = 3;
    double dropout = 0.1;

    void validate() const;         // throws sb::Error naming the bad field
    // sb::Error showing the shape unless x is (batch, inChannels, mels, frames) with enough
    // mel bins and frames for the stem and the pools.
    void checkInput(const torch::Tensor& x) const;
    std::string describe() const;  // "TF-SepNet-64 (depth 17)"
    int embeddingSize() const { return width * 5 / 2; }
    int maxPools() const { return depth == 17 ? 3 : 2; }
};

struct TfSepNetOutput {
    torch::Tensor logits;      // (B, classes)
    torch::Tensor embedding;   // (B, 2.5·C): the body's output averaged over frequency and time
    torch::Tensor featureMap;  // (B, 2.5·C, F', T'): the body's output, before the classifier
};

class TfSepNetImpl : public torch::nn::Module {
public:
    explicit TfSepNetImpl(const TfSepNetConfig& config = {});

    // x: (B, inChannels, mel bins, frames). Any size the stem and pools can reduce.
    torch::Tensor forward(const torch::Tensor& x);
    // All three outputs; with a recorder, one row per conv and norm layer is added (and
    // with a shapes-only recorder the outputs hold shapes, not values).
    TfSepNetOutput forwardAll(const torch::Tensor& x, LayerRecorder* recorder = nullptr);

    const TfSepNetConfig& config() const { return config_; }
    // Convolutions run channels-last by default (measured faster with oneDNN on CPU);
    // the outputs are the same either way.
    void setChannelsLast(bool on) { channelsLast_ = on; }

private:
    torch::Tensor body(const torch::Tensor& x, LayerRecorder* recorder);
    torch::Tensor classify(const torch::Tensor& featureMap, LayerRecorder* recorder);

    TfSepNetConfig config_;
    bool channelsLast_ = true;
    torch::nn::ModuleList conv_layers{nullptr};
    torch::nn::ModuleList middle_layers{nullptr};
    std::shared_ptr<torch::nn::Module> classifier;
    torch::nn::Conv2d classifierConv{nullptr};
};
TORCH_MODULE(TfSepNet);

// The complexity meter (Complexity.h) for any configuration, e.g. one read from a
// checkpoint: a (1, inChannels, mels, frames) input, shapes only. Defined in Complexity.cpp.
ModelComplexity measureTfSepNet(const TfSepNetConfig& config, int mels, int frames);

}  // namespace sb
