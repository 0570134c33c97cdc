#include "core/models/WeightNormConv1d.h"

#include <cmath>

namespace sb {

WeightNormConv1dImpl::WeightNormConv1dImpl(int64_t channels, int64_t kernel, int64_t groups)
    : kernel_(kernel), groups_(groups)
{
    // Initialisation of the official TransformerEncoder: normal(0, sqrt(4 / (k·C))), zero bias.
    const double spread = std::sqrt(4.0 / static_cast<double>(kernel * channels));
    const torch::Tensor v = torch::randn({channels, channels / groups, kernel}) * spread;
    bias = register_parameter("bias", torch::zeros({channels}));
    weight_g = register_parameter("weight_g", v.pow(2).sum(torch::IntArrayRef{0, 1}, /*keepdim=*/true).sqrt());  // g = ‖v‖ at start
    weight_v = register_parameter("weight_v", v);
}

torch::Tensor WeightNormConv1dImpl::weight() const { return torch::_weight_norm(weight_v, weight_g, 2); }

torch::Tensor WeightNormConv1dImpl::forward(const torch::Tensor& x, LayerRecorder* recorder, const std::string& name)
{
    const torch::Tensor w = weight();
    torch::Tensor y = torch::conv1d(x, w, bias, 1, kernel_ / 2, 1, groups_);
    if (recorder) recorder->conv1d(name, weight_g.numel() + weight_v.numel() + bias.numel(), w, y);
    return y;
}

}  // namespace sb
