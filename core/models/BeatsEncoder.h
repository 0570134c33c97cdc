#pragma once
// The BEATs transformer encoder (TransformerEncoder of the official code): a weight-norm
// convolutional position embedding, LayerNorm, then the layers, which share one
// relative-position bias table (registered in layer 0 only).
#include "core/models/BeatsLayer.h"
#include "core/models/WeightNormConv1d.h"

namespace sb {

class BeatsEncoderImpl : public torch::nn::Module {
public:
    explicit BeatsEncoderImpl(const BeatsConfig& cfg);
    // x: (B, N, C) → (B, N, C)
    torch::Tensor forward(const torch::Tensor& x, LayerRecorder* recorder = nullptr, const std::string& name = {});

    size_t layerCount() const { return layers->size(); }
    BeatsLayer layer(size_t i) const { return BeatsLayer(layers->ptr<BeatsLayerImpl>(i)); }

private:
    BeatsConfig cfg_;
    std::shared_ptr<torch::nn::Module> pos_conv;
    WeightNormConv1d posConv{nullptr};
    torch::nn::ModuleList layers{nullptr};
    torch::nn::LayerNorm layer_norm{nullptr};
};
TORCH_MODULE(BeatsEncoder);

}  // namespace sb
