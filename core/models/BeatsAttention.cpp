#include "core/models/BeatsAttention.h"

#include <cmath>

// Linear layers on (B, N, C) run through torch::linear (ATen), which folds a contiguous 3-D
// input into one addmm with the bias; the C++ frontend's Linear::forward does a matmul and
// then a separate pass to add the bias.

namespace sb {

torch::Tensor relativePositionBuckets(int64_t tokens, int numBuckets, int maxDistance)
{
    const auto pos = torch::arange(tokens, torch::kLong);
    torch::Tensor rel = pos.unsqueeze(0) - pos.unsqueeze(1);  // [i][j] = j − i
    const int64_t half = numBuckets / 2;
    torch::Tensor buckets = (rel > 0).to(torch::kLong) * half;
    rel = rel.abs();
    const int64_t maxExact = half / 2;
    // Float32 log and truncation toward zero, exactly as the official code computes it.
    torch::Tensor large = maxExact + (torch::log(rel.to(torch::kFloat) / static_cast<double>(maxExact)) /
                                      std::log(static_cast<double>(maxDistance) / static_cast<double>(maxExact)) *
                                      static_cast<double>(half - maxExact))
                                         .to(torch::kLong);
    large = torch::clamp_max(large, half - 1);
    return buckets + torch::where(rel < maxExact, rel, large);
}

BeatsAttentionImpl::BeatsAttentionImpl(const BeatsConfig& cfg, torch::nn::Embedding sharedBias)
    : heads_(cfg.encoder_attention_heads),
      headDim_(cfg.encoder_embed_dim / cfg.encoder_attention_heads),
      attentionDropout_(cfg.attention_dropout),
      numBuckets_(cfg.num_buckets),
      maxDistance_(cfg.max_distance),
      gated_(cfg.gru_rel_pos)
{
    const int64_t c = cfg.encoder_embed_dim;
    // Registration order = the official state-dict order (own parameter grep_a first).
    if (gated_) grep_a = register_parameter("grep_a", torch::ones({1, heads_, 1, 1}));
    if (cfg.relative_position_embedding) {
        if (sharedBias) {
            bias_ = sharedBias;
        } else {
            bias_ = register_module("relative_attention_bias", torch::nn::Embedding(cfg.num_buckets, heads_));
            torch::nn::init::xavier_normal_(bias_->weight);
        }
    }
    k_proj = register_module("k_proj", torch::nn::Linear(c, c));
    v_proj = register_module("v_proj", torch::nn::Linear(c, c));
    q_proj = register_module("q_proj", torch::nn::Linear(c, c));
    out_proj = register_module("out_proj", torch::nn::Linear(c, c));
    if (gated_) grep_linear = register_module("grep_linear", torch::nn::Linear(headDim_, 8));
}

torch::Tensor BeatsAttentionImpl::computeBias(int64_t tokens)
{
    const auto buckets = relativePositionBuckets(tokens, numBuckets_, maxDistance_);
    return bias_->forward(buckets).permute({2, 0, 1}).unsqueeze(0);  // (1, H, N, N)
}

torch::Tensor BeatsAttentionImpl::gate(const torch::Tensor& q, LayerRecorder* recorder, const std::string& name)
{
    // q: (B, H, N, D), the q_proj output before scaling. Two sigmoid gates per query.
    torch::Tensor g = grep_linear->forward(q);
    if (recorder) recorder->linear(name + ".grep_linear", *grep_linear, g);
    g = torch::sigmoid(g.view({q.size(0), heads_, q.size(2), 2, 4}).sum(-1));
    const torch::Tensor a = g.select(-1, 0).unsqueeze(-1);
    const torch::Tensor b = g.select(-1, 1).unsqueeze(-1);
    return a * (b * grep_a - 1.0) + 2.0;  // (B, H, N, 1)
}

torch::Tensor BeatsAttentionImpl::forward(const torch::Tensor& x, torch::Tensor& positionBias,
                                          LayerRecorder* recorder, const std::string& name)
{
    const int64_t b = x.size(0), n = x.size(1), c = x.size(2);
    auto project = [&](torch::nn::Linear& proj, const char* key) {
        torch::Tensor y = torch::linear(x, proj->weight, proj->bias);
        if (recorder) recorder->linear(name + "." + key, *proj, y);
        return y.view({b, n, heads_, headDim_}).transpose(1, 2);  // (B, H, N, D)
    };
    const torch::Tensor q = project(q_proj, "q_proj");
    const torch::Tensor k = project(k_proj, "k_proj");
    const torch::Tensor v = project(v_proj, "v_proj");

    // softmax(q·kᵀ/√D + gate·bias): the official code's max-subtraction and ×32 rescale
    // are a numerical detour to the same value.
    torch::Tensor scores = torch::matmul(q * (1.0 / std::sqrt(static_cast<double>(headDim_))), k.transpose(-2, -1));
    if (bias_) {
        if (!positionBias.defined()) positionBias = computeBias(n);
        scores = gated_ ? scores.addcmul_(gate(q, recorder, name), positionBias) : scores.add_(positionBias);
    }
    torch::Tensor attn = torch::dropout(torch::softmax(scores, -1), attentionDropout_, is_training());
    torch::Tensor y = torch::matmul(attn, v).transpose(1, 2).reshape({b, n, c});
    y = torch::linear(y, out_proj->weight, out_proj->bias);
    if (recorder) recorder->linear(name + ".out_proj", *out_proj, y);
    return y;
}

}  // namespace sb
