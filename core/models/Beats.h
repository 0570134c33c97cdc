#pragma once
// BEATs (Chen et al., 2022), the teacher's encoder, built from the `cfg` of a checkpoint:
// patch embedding of the fbank, LayerNorm, projection, then the transformer encoder.
// Module and parameter names are those of microsoft/unilm beats/BEATs.py, so official
// checkpoints load unchanged and saved ones load back into PyTorch.
#include "core/checkpoint/Checkpoint.h"
#include "core/models/BeatsEncoder.h"

namespace sb {

class BeatsImpl : public torch::nn::Module {
public:
    explicit BeatsImpl(const BeatsConfig& cfg);

    // fbank: (B, frames, mel bins) as BEATs.preprocess makes it → features (B, N, C),
    // tokens time-major: token = t · (bins / patch) + f.
    torch::Tensor forward(const torch::Tensor& fbank, LayerRecorder* recorder = nullptr);
    // AudioSet tagging of fine-tuned files (cfg.finetuned_model): (B, predictor_class)
    // probabilities, the predictor applied per token, averaged, then a sigmoid.
    torch::Tensor predict(const torch::Tensor& fbank);

    // The official front end on 16 kHz waveforms (B, samples) → (B, frames, 128).
    static torch::Tensor preprocess(const torch::Tensor& waveforms);

    // State dict as PyTorch writes it: the shared relative-position bias appears under
    // every layer's name.
    StateDict stateDict() const;
    // Loads a `model` state dict (official names). Checks that every layer holds the same
    // relative-position bias as layer 0; strict: every key present and of the right shape.
    LoadReport load(const StateDict& tensors, bool strict = true);

    const BeatsConfig& config() const { return cfg_; }
    BeatsEncoder encoder() const { return encoder_; }

private:
    void checkInput(const torch::Tensor& fbank) const;

    BeatsConfig cfg_;
    torch::nn::Linear post_extract_proj{nullptr};  // only when embed_dim ≠ encoder_embed_dim
    torch::nn::Conv2d patch_embedding{nullptr};
    BeatsEncoder encoder_{nullptr};
    torch::nn::LayerNorm layer_norm{nullptr};
    torch::nn::Linear predictor{nullptr};  // fine-tuned files only
};
TORCH_MODULE(Beats);

// The shared-bias bookkeeping, for any module that holds a BEATs encoder under `prefix`
// ("encoder." for BEATs itself, "encoder.encoder." for the teacher):
// adds the bias under layers 1… as PyTorch saves it (after each layer's other self_attn keys),
StateDict expandSharedBias(const StateDict& tensors, const std::string& prefix, int layers);
// removes layers 1…'s copies after checking they equal layer 0's (sb::Error otherwise).
StateDict collapseSharedBias(const StateDict& tensors, const std::string& prefix, int layers);

}  // namespace sb
