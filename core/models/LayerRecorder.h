#pragma once
// Collects one LayerComplexity row per layer while a forward pass runs. LibTorch has no
// forward hooks, so the model's layers call the recorder themselves when one is given.
#include "core/models/Complexity.h"

#include <torch/torch.h>

namespace sb {

class LayerRecorder {
public:
    // shapesOnly: convolutions are not computed; conv2dShape() returns an empty tensor of
    // the output shape. With a meta-device input the whole forward pass then computes
    // shapes only: the meter needs nothing else, and stays at a few milliseconds however
    // loaded the machine is.
    explicit LayerRecorder(bool shapesOnly = false) : shapesOnly_(shapesOnly) {}
    bool shapesOnly() const { return shapesOnly_; }
    torch::Tensor conv2dShape(const std::string& name, const torch::nn::Conv2dImpl& conv, const torch::Tensor& input);

    void conv2d(const std::string& name, const torch::nn::Conv2dImpl& conv, const torch::Tensor& output);
    // `params` is passed in because a weight-normalised conv stores g and v, not its weight.
    void conv1d(const std::string& name, int64_t params, const torch::Tensor& weight, const torch::Tensor& output);
    void linear(const std::string& name, const torch::nn::LinearImpl& linear, const torch::Tensor& output);
    // Layers without MACs (norms, embeddings) still hold parameters worth a row.
    void free(const std::string& name, const std::string& type, const torch::nn::Module& module,
              const torch::Tensor& output);

    const std::vector<LayerComplexity>& layers() const { return layers_; }

private:
    void add(const std::string& name, const std::string& type, int64_t params, int64_t macs,
             const torch::Tensor& output);
    bool shapesOnly_;
    std::vector<LayerComplexity> layers_;
};

// Parameter count of a module and its children (shared tensors counted once).
int64_t countParameters(const torch::nn::Module& module);

}  // namespace sb
