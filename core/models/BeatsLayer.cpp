#include "core/models/BeatsLayer.h"

#include <cmath>

namespace sb {

BeatsLayerImpl::BeatsLayerImpl(const BeatsConfig& cfg, torch::nn::Embedding sharedBias)
    : alpha_(cfg.deep_norm ? std::pow(2.0 * cfg.encoder_layers, 0.25) : 1.0),
      dropout_(cfg.dropout),
      activationDropout_(cfg.activation_dropout),
      layerNormFirst_(cfg.layer_norm_first),
      gelu_(cfg.activation_fn == "gelu")
{
    const int64_t c = cfg.encoder_embed_dim;
    auto norm = [&] { return torch::nn::LayerNorm(torch::nn::LayerNormOptions({c}).eps(1e-5)); };
    self_attn = register_module("self_attn", BeatsAttention(cfg, sharedBias));
    self_attn_layer_norm = register_module("self_attn_layer_norm", norm());
    fc1 = register_module("fc1", torch::nn::Linear(c, cfg.encoder_ffn_embed_dim));
    fc2 = register_module("fc2", torch::nn::Linear(cfg.encoder_ffn_embed_dim, c));
    final_layer_norm = register_module("final_layer_norm", norm());
}

torch::Tensor BeatsLayerImpl::feedForward(const torch::Tensor& x, LayerRecorder* recorder, const std::string& name)
{
    torch::Tensor h = torch::linear(x, fc1->weight, fc1->bias);  // one addmm (BeatsAttention.cpp)
    if (recorder) recorder->linear(name + ".fc1", *fc1, h);
    h = gelu_ ? torch::gelu(h) : torch::relu(h);
    h = torch::linear(torch::dropout(h, activationDropout_, is_training()), fc2->weight, fc2->bias);
    if (recorder) recorder->linear(name + ".fc2", *fc2, h);
    return torch::dropout(h, dropout_, is_training());
}

torch::Tensor BeatsLayerImpl::forward(const torch::Tensor& x, torch::Tensor& positionBias, LayerRecorder* recorder,
                                      const std::string& name)
{
    const std::string attnName = name + ".self_attn";
    if (layerNormFirst_) {
        torch::Tensor h = x + torch::dropout(self_attn->forward(self_attn_layer_norm->forward(x), positionBias,
                                                                recorder, attnName),
                                             dropout_, is_training());
        return h + feedForward(final_layer_norm->forward(h), recorder, name);
    }
    torch::Tensor a = torch::dropout(self_attn->forward(x, positionBias, recorder, attnName), dropout_, is_training());
    torch::Tensor h = self_attn_layer_norm->forward(a.add_(x, alpha_));
    return final_layer_norm->forward(feedForward(h, recorder, name).add_(h, alpha_));
}

}  // namespace sb
