#pragma once
// A grouped Conv1d under weight normalisation (torch.nn.utils.weight_norm, dim = 2):
// weight = g · v / ‖v‖ with the norm over dims 0 and 1 for each kernel tap. Parameters
// bias, weight_g, weight_v in the order PyTorch's weight_norm leaves them in a state dict.
#include "core/models/LayerRecorder.h"

#include <torch/torch.h>

namespace sb {

class WeightNormConv1dImpl : public torch::nn::Module {
public:
    WeightNormConv1dImpl(int64_t channels, int64_t kernel, int64_t groups);
    // (B, C, N) → (B, C, N + 1 − kernel % 2 ...): padding kernel/2 on both sides.
    torch::Tensor forward(const torch::Tensor& x, LayerRecorder* recorder = nullptr, const std::string& name = {});
    // g · v / ‖v‖, recomputed from the parameters (differentiable).
    torch::Tensor weight() const;

private:
    int64_t kernel_, groups_;
    torch::Tensor bias, weight_g, weight_v;
};
TORCH_MODULE(WeightNormConv1d);

}  // namespace sb
