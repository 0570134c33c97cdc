#pragma once
// One time-frequency separable block of TF-SepNet (in → out channels): an optional 1×1
// ConvBnRelu when in ≠ out, a channel shuffle, then half the channels go through a
// frequency-wise depthwise conv + mean over frequency + pointwise conv, the other half
// through the same along time, each with a residual; the halves are concatenated.
#include "core/models/ConvBnRelu.h"

namespace sb {

class TfSepBlockImpl : public torch::nn::Module {
public:
    TfSepBlockImpl(int64_t in, int64_t out, int64_t kernel, double dropout);
    torch::Tensor forward(const torch::Tensor& x, LayerRecorder* recorder = nullptr, const std::string& name = {});

    int64_t outChannels() const { return out_; }

private:
    int64_t out_;
    double dropout_;
    ConvBnRelu trans_conv{nullptr};  // only when in ≠ out
    ConvBnRelu freq_dw_conv{nullptr}, freq_pw_conv{nullptr};
    ConvBnRelu temp_dw_conv{nullptr}, temp_pw_conv{nullptr};
};
TORCH_MODULE(TfSepBlock);

// The seed code's channel shuffle with two groups of c/2 channels (output channel 2j+i is
// input channel i·c/2 + j), split into its two halves. When c/4 is whole each half is one
// copy in x's memory format (NCHW or channels-last); otherwise both are views of one
// shuffled copy.
std::pair<torch::Tensor, torch::Tensor> shuffledHalves(const torch::Tensor& x);

}  // namespace sb
