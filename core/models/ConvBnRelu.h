#pragma once
// Conv2d (no bias) → BatchNorm2d → ReLU: the building brick of TF-SepNet. Child names
// `_conv` and `_bn` are those of the seed code, so state-dict keys match PyTorch's.
#include "core/models/LayerRecorder.h"

#include <torch/torch.h>

namespace sb {

struct ConvBnReluOptions {
    int64_t in = 1, out = 1;
    std::array<int64_t, 2> kernel{1, 1};
    std::array<int64_t, 2> stride{1, 1};
    std::array<int64_t, 2> padding{0, 0};
    int64_t groups = 1;
};

class ConvBnReluImpl : public torch::nn::Module {
public:
    explicit ConvBnReluImpl(const ConvBnReluOptions& o);
    // `name` is this block's state-dict prefix; used only to label recorder rows.
    torch::Tensor forward(const torch::Tensor& x, LayerRecorder* recorder = nullptr, const std::string& name = {});

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(ConvBnRelu);

}  // namespace sb
