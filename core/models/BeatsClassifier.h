#pragma once
// The teacher of the method: a BEATs encoder and a Linear(C, classes) applied to every
// token, logits averaged over tokens (seed code: PretrainedBEATs + SingleLinearClassifier,
// keys "encoder.…" and "classifier.linear.…"). The encoder is trained or frozen.
#include "core/models/Beats.h"

namespace sb {

// One optimiser parameter group: the trainer wraps it into its optimiser's options.
struct ParamGroup {
    std::string name;  // "embedding", "layer 3", "head"
    std::vector<torch::Tensor> params;
    double lr = 0;
};

class BeatsClassifierImpl : public torch::nn::Module {
public:
    BeatsClassifierImpl(const BeatsConfig& cfg, int classes);

    // fbank (B, frames, bins) → logits (B, classes)
    torch::Tensor forward(const torch::Tensor& fbank);
    // Logits and the token-averaged encoder output (B, C), the clip embedding.
    std::pair<torch::Tensor, torch::Tensor> forwardWithEmbedding(const torch::Tensor& fbank);

    // Frozen: the encoder's parameters need no gradient, it runs without autograd and in
    // eval mode (no dropout, no layer drop); only the head learns.
    void setEncoderFrozen(bool frozen);
    bool encoderFrozen() const { return frozen_; }
    void train(bool on = true) override;

    // Layer-wise learning-rate decay: the head gets baseLr, encoder layer i (0-based, of L)
    // baseLr · decay^(L − i), the embedding part (patch embedding, norms, projection,
    // position conv) baseLr · decay^(L + 1). Parameters without requires_grad, and the unused
    // AudioSet predictor of fine-tuned BEATs files, are left out.
    std::vector<ParamGroup> layerwiseParamGroups(double baseLr, double decay) const;

    // Teacher checkpoints hold the whole model; an official BEATs file only the encoder.
    StateDict stateDict() const;
    LoadReport load(const StateDict& tensors, bool strict = true);
    LoadReport loadEncoder(const StateDict& beatsModel, bool strict = true) { return encoder->load(beatsModel, strict); }

    Beats encoder{nullptr};

private:
    torch::nn::Linear linear{nullptr};  // registered as classifier.linear
    bool frozen_ = false;
};
TORCH_MODULE(BeatsClassifier);

}  // namespace sb
