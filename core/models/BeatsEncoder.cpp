#include "core/models/BeatsEncoder.h"

#include <cmath>
#include <map>

namespace sb {

namespace {

// Identity forward, gradient × scale backward: the official GradMultiply, used for
// layer_wise_gradient_decay_ratio ≠ 1.
struct GradMultiply : torch::autograd::Function<GradMultiply> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, double scale)
    {
        ctx->saved_data["scale"] = scale;
        return x.clone();
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grad)
    {
        return {grad[0] * ctx->saved_data["scale"].toDouble(), torch::Tensor()};
    }
};

// The official initialisation of the layers (TransformerEncoder: init_bert_params, then
// the DeepNorm gains), so that a model trained from scratch, such as the demo encoder,
// starts where the official one would. Checkpoints overwrite all of it.
void initialiseLikeOfficial(torch::nn::ModuleList& layers, const BeatsConfig& cfg)
{
    torch::NoGradGuard noGrad;
    const double beta = std::pow(8.0 * cfg.encoder_layers, -0.25);
    const std::map<std::string, double> deepNormGains = {{"self_attn.k_proj", 1.0}, {"self_attn.v_proj", beta},
                                                         {"self_attn.q_proj", 1.0}, {"self_attn.out_proj", beta},
                                                         {"fc1", beta},             {"fc2", beta}};
    for (const auto& layer : *layers) {
        for (const auto& item : layer->named_modules()) {
            if (auto* linear = item.value()->as<torch::nn::LinearImpl>()) {
                torch::nn::init::normal_(linear->weight, 0.0, 0.02);
                if (linear->bias.defined()) torch::nn::init::zeros_(linear->bias);
            } else if (auto* embedding = item.value()->as<torch::nn::EmbeddingImpl>()) {
                torch::nn::init::normal_(embedding->weight, 0.0, 0.02);
            }
        }
        if (!cfg.deep_norm) continue;
        for (const auto& item : layer->named_modules()) {
            const auto gain = deepNormGains.find(item.key());
            if (gain != deepNormGains.end())
                torch::nn::init::xavier_normal_(item.value()->as<torch::nn::LinearImpl>()->weight, gain->second);
        }
    }
}

}  // namespace

BeatsEncoderImpl::BeatsEncoderImpl(const BeatsConfig& cfg) : cfg_(cfg)
{
    const int64_t c = cfg.encoder_embed_dim;
    pos_conv = register_module("pos_conv", std::make_shared<torch::nn::Module>());
    posConv = pos_conv->register_module("0", WeightNormConv1d(c, cfg.conv_pos, cfg.conv_pos_groups));
    layers = register_module("layers", torch::nn::ModuleList());
    torch::nn::Embedding shared{nullptr};
    for (int i = 0; i < cfg.encoder_layers; ++i) {
        BeatsLayer layer(cfg, shared);
        if (i == 0) shared = layer->attention()->relativeBias();
        layers->push_back(layer);
    }
    initialiseLikeOfficial(layers, cfg);
    layer_norm = register_module("layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c}).eps(1e-5)));
}

torch::Tensor BeatsEncoderImpl::forward(const torch::Tensor& input, LayerRecorder* recorder, const std::string& name)
{
    // Convolutional position embedding; with an even kernel the conv returns N + 1 steps
    // and SamePad drops the last one.
    torch::Tensor pos = posConv->forward(input.transpose(1, 2), recorder, name + ".pos_conv.0");
    if (cfg_.conv_pos % 2 == 0) pos = pos.narrow(2, 0, pos.size(2) - 1);
    torch::Tensor x = input + torch::gelu(pos).transpose(1, 2);
    if (!cfg_.layer_norm_first) x = layer_norm->forward(x);
    x = torch::dropout(x, cfg_.dropout, is_training());

    torch::Tensor positionBias;
    const bool decay = cfg_.layer_wise_gradient_decay_ratio != 1.0 && torch::GradMode::is_enabled();
    for (size_t i = 0; i < layers->size(); ++i) {
        if (decay) x = GradMultiply::apply(x, cfg_.layer_wise_gradient_decay_ratio);
        if (is_training() && cfg_.encoder_layerdrop > 0 && torch::rand({1}).item<double>() <= cfg_.encoder_layerdrop)
            continue;
        x = layers[i]->as<BeatsLayerImpl>()->forward(x, positionBias, recorder, name + ".layers." + std::to_string(i));
    }
    if (cfg_.layer_norm_first) x = layer_norm->forward(x);
    return x;
}

}  // namespace sb
