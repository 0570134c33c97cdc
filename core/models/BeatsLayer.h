#pragma once
// One BEATs transformer layer (TransformerSentenceEncoderLayer of the official code):
// post-LN with the DeepNorm residual scale α = (2·layers)^¼ when deep_norm is set, or
// pre-LN when layer_norm_first is.
#include "core/models/BeatsAttention.h"

namespace sb {

class BeatsLayerImpl : public torch::nn::Module {
public:
    BeatsLayerImpl(const BeatsConfig& cfg, torch::nn::Embedding sharedBias);
    torch::Tensor forward(const torch::Tensor& x, torch::Tensor& positionBias, LayerRecorder* recorder = nullptr,
                          const std::string& name = {});

    BeatsAttention attention() const { return self_attn; }

private:
    torch::Tensor feedForward(const torch::Tensor& x, LayerRecorder* recorder, const std::string& name);

    double alpha_, dropout_, activationDropout_;
    bool layerNormFirst_, gelu_;
    BeatsAttention self_attn{nullptr};
    torch::nn::LayerNorm self_attn_layer_norm{nullptr};
    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
    torch::nn::LayerNorm final_layer_norm{nullptr};
};
TORCH_MODULE(BeatsLayer);

}  // namespace sb
