#include "core/models/Beats.h"

#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/features/KaldiFbank.h"

#include <algorithm>

namespace sb {

namespace {

std::string biasKey(const std::string& prefix, int layer)
{
    return prefix + "layers." + std::to_string(layer) + ".self_attn.relative_attention_bias.weight";
}

std::string shapeOf(const torch::Tensor& t)
{
    std::string s = "(";
    for (int64_t d = 0; d < t.dim(); ++d) s += (d ? ", " : "") + std::to_string(t.size(d));
    return s + ")";
}

}  // namespace

StateDict expandSharedBias(const StateDict& tensors, const std::string& prefix, int layers)
{
    const auto shared = std::find_if(tensors.begin(), tensors.end(),
                                     [&](const auto& kv) { return kv.first == biasKey(prefix, 0); });
    if (shared == tensors.end()) return tensors;
    StateDict out;
    for (size_t i = 0; i < tensors.size(); ++i) {
        out.push_back(tensors[i]);
        for (int layer = 1; layer < layers; ++layer) {
            const std::string attn = prefix + "layers." + std::to_string(layer) + ".self_attn.";
            const bool inAttn = tensors[i].first.rfind(attn, 0) == 0;
            const bool nextInAttn = i + 1 < tensors.size() && tensors[i + 1].first.rfind(attn, 0) == 0;
            if (inAttn && !nextInAttn) out.emplace_back(biasKey(prefix, layer), shared->second);
        }
    }
    return out;
}

StateDict collapseSharedBias(const StateDict& tensors, const std::string& prefix, int layers)
{
    const auto shared = std::find_if(tensors.begin(), tensors.end(),
                                     [&](const auto& kv) { return kv.first == biasKey(prefix, 0); });
    StateDict out;
    for (const auto& [key, tensor] : tensors) {
        int layer = 1;
        while (layer < layers && key != biasKey(prefix, layer)) ++layer;
        if (layer == layers) {
            out.emplace_back(key, tensor);
            continue;
        }
        if (shared == tensors.end() || !tensor.sizes().equals(shared->second.sizes()) ||
            !torch::equal(tensor, shared->second))
            throw Error("every layer must hold layer 0's relative-position bias (BEATs shares one table); layer " +
                            std::to_string(layer) + "'s differs",
                        key);
    }
    return out;
}

BeatsImpl::BeatsImpl(const BeatsConfig& cfg) : cfg_(cfg)
{
    cfg_.validate();
    // Registration order = the official state-dict order.
    if (cfg_.embed_dim != cfg_.encoder_embed_dim)
        post_extract_proj = register_module("post_extract_proj", torch::nn::Linear(cfg_.embed_dim, cfg_.encoder_embed_dim));
    patch_embedding = register_module(
        "patch_embedding", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, cfg_.embed_dim, cfg_.input_patch_size)
                                                 .stride(cfg_.input_patch_size)
                                                 .bias(cfg_.conv_bias)));
    encoder_ = register_module("encoder", BeatsEncoder(cfg_));
    layer_norm = register_module("layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({cfg_.embed_dim}).eps(1e-5)));
    if (cfg_.finetuned_model)
        predictor = register_module("predictor", torch::nn::Linear(cfg_.encoder_embed_dim, cfg_.predictor_class));
}

void BeatsImpl::checkInput(const torch::Tensor& fbank) const
{
    if (fbank.dim() != 3 || fbank.size(1) < cfg_.input_patch_size || fbank.size(2) < cfg_.input_patch_size)
        throw Error("BEATs expects an fbank of shape (batch, frames, mel bins) with at least " +
                        std::to_string(cfg_.input_patch_size) + " frames and bins, got " + shapeOf(fbank),
                    "input");
}

torch::Tensor BeatsImpl::forward(const torch::Tensor& fbank, LayerRecorder* recorder)
{
    checkInput(fbank);
    torch::Tensor x = patch_embedding->forward(fbank.unsqueeze(1));  // (B, E, T/16, bins/16)
    if (recorder) recorder->conv2d("patch_embedding", *patch_embedding, x);
    x = layer_norm->forward(x.flatten(2).transpose(1, 2));           // (B, N, E)
    if (recorder) recorder->free("layer_norm", "LayerNorm", *layer_norm, x);
    if (post_extract_proj) {
        x = torch::linear(x, post_extract_proj->weight, post_extract_proj->bias);  // one addmm
        if (recorder) recorder->linear("post_extract_proj", *post_extract_proj, x);
    }
    x = torch::dropout(x, cfg_.dropout_input, is_training());
    return encoder_->forward(x, recorder, "encoder");
}

torch::Tensor BeatsImpl::predict(const torch::Tensor& fbank)
{
    if (!predictor) throw Error("this BEATs checkpoint has no AudioSet predictor (not a fine-tuned model)", "predictor");
    const torch::Tensor x = torch::dropout(forward(fbank), cfg_.predictor_dropout, is_training());
    return torch::sigmoid(predictor->forward(x).mean(1));
}

torch::Tensor BeatsImpl::preprocess(const torch::Tensor& waveforms)
{
    if (waveforms.dim() != 2 || waveforms.scalar_type() != torch::kFloat)
        throw Error("BEATs expects float32 waveforms of shape (batch, samples), got " + shapeOf(waveforms), "input");
    const KaldiFbank fbank;
    const torch::Tensor waves = waveforms.contiguous();
    const int64_t batch = waves.size(0), samples = waves.size(1);
    if (samples < static_cast<int64_t>(fbank.minSamples()))
        throw Error("clips of " + std::to_string(samples) + " samples are shorter than one fbank frame (" +
                        std::to_string(fbank.minSamples()) + " samples at 16 kHz)",
                    "input");
    const int64_t frames = fbank.frameCount(static_cast<size_t>(samples));
    torch::Tensor out = torch::empty({batch, frames, 128});
    const float* in = waves.data_ptr<float>();
    float* dst = out.data_ptr<float>();
    parallelFor(static_cast<size_t>(batch), defaultThreadCount(), [&](size_t begin, size_t end) {
        for (size_t b = begin; b < end; ++b) {
            const FeatureMatrix m = fbank.compute(in + b * samples, static_cast<size_t>(samples));
            std::copy(m.data.begin(), m.data.end(), dst + b * static_cast<size_t>(frames * 128));
        }
    });
    return out;
}

StateDict BeatsImpl::stateDict() const
{
    return expandSharedBias(moduleStateDict(*this), "encoder.", cfg_.encoder_layers);
}

LoadReport BeatsImpl::load(const StateDict& tensors, bool strict)
{
    return loadStateDict(*this, collapseSharedBias(tensors, "encoder.", cfg_.encoder_layers), strict);
}

}  // namespace sb
