#pragma once
// Multi-head self-attention of BEATs (microsoft/unilm beats/backbone.py MultiheadAttention)
// with the bucketed relative-position bias and its per-query gate (gru_rel_pos).
//
// The bias Embedding is one tensor shared by every layer. Only layer 0 registers it (so
// parameters() lists it once and an optimiser steps it once); the other layers keep a
// non-owning handle to the same module.
#include "core/models/BeatsConfig.h"
#include "core/models/LayerRecorder.h"

#include <torch/torch.h>

namespace sb {

class BeatsAttentionImpl : public torch::nn::Module {
public:
    // `sharedBias`: null for layer 0 (which then creates and registers the Embedding),
    // layer 0's Embedding for the others.
    BeatsAttentionImpl(const BeatsConfig& cfg, torch::nn::Embedding sharedBias);

    // x: (B, N, C). `positionBias` (1, H, N, N) is computed on first use and handed on,
    // ungated, to the next layer, as the official code does.
    torch::Tensor forward(const torch::Tensor& x, torch::Tensor& positionBias, LayerRecorder* recorder = nullptr,
                          const std::string& name = {});

    torch::nn::Embedding relativeBias() const { return bias_; }

private:
    torch::Tensor computeBias(int64_t tokens);
    torch::Tensor gate(const torch::Tensor& q, LayerRecorder* recorder, const std::string& name);

    int64_t heads_, headDim_;
    double attentionDropout_;
    int numBuckets_, maxDistance_;
    bool gated_;
    torch::Tensor grep_a;  // (1, H, 1, 1)
    torch::nn::Embedding bias_{nullptr};
    torch::nn::Linear k_proj{nullptr}, v_proj{nullptr}, q_proj{nullptr}, out_proj{nullptr};
    torch::nn::Linear grep_linear{nullptr};
};
TORCH_MODULE(BeatsAttention);

// Bucket of each relative position j − i (key minus query) as in the official
// _relative_positions_bucket (bidirectional): (tokens, tokens) int64.
torch::Tensor relativePositionBuckets(int64_t tokens, int numBuckets, int maxDistance);

}  // namespace sb
