#pragma once
// Residual normalisation of TF-SepNet: 0.1·x + (x − mean) / sqrt(var + 1e-5), with mean
// and unbiased variance over channels and time, per sample and frequency bin. No weights.
// Float CPU tensors go through one fused kernel (forward and backward, NCHW or
// channels-last); other devices and dtypes through the same formula in torch operations.
#include <torch/torch.h>

namespace sb {

class ResNormImpl : public torch::nn::Module {
public:
    torch::Tensor forward(const torch::Tensor& x);
};
TORCH_MODULE(ResNorm);

}  // namespace sb
