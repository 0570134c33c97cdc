#include "core/models/TfSepBlock.h"

namespace sb {

TfSepBlockImpl::TfSepBlockImpl(int64_t in, int64_t out, int64_t kernel, double dropout)
    : out_(out), dropout_(dropout)
{
    const int64_t half = out / 2;
    const int64_t pad = (kernel - 1) / 2;
    if (in != out) trans_conv = register_module("trans_conv", ConvBnRelu(ConvBnReluOptions{in, out}));
    freq_dw_conv = register_module(
        "freq_dw_conv", ConvBnRelu(ConvBnReluOptions{half, half, {kernel, 1}, {1, 1}, {pad, 0}, half}));
    freq_pw_conv = register_module("freq_pw_conv", ConvBnRelu(ConvBnReluOptions{half, half}));
    temp_dw_conv = register_module(
        "temp_dw_conv", ConvBnRelu(ConvBnReluOptions{half, half, {1, kernel}, {1, 1}, {0, pad}, half}));
    temp_pw_conv = register_module("temp_pw_conv", ConvBnRelu(ConvBnReluOptions{half, half}));
}

std::pair<torch::Tensor, torch::Tensor> shuffledHalves(const torch::Tensor& x)
{
    const int64_t b = x.size(0), c = x.size(1), f = x.size(2), t = x.size(3), half = c / 2;
    const bool channelsLast = x.is_contiguous(at::MemoryFormat::ChannelsLast) && !x.is_contiguous();
    if (half % 2 != 0) {
        // The halves split a pair of shuffled channels: shuffle, then split.
        const torch::Tensor shuffled = channelsLast ? x.permute({0, 2, 3, 1})
                                                          .reshape({b, f, t, 2, half})
                                                          .transpose(3, 4)
                                                          .reshape({b, f, t, c})
                                                          .permute({0, 3, 1, 2})
                                                    : x.reshape({b, 2, half, f, t}).transpose(1, 2).reshape({b, c, f, t});
        const auto parts = shuffled.split(half, 1);
        return {parts[0], parts[1]};
    }
    // Shuffled channel 2j+i of half h is input channel i·c/2 + h·c/4 + j: take j from both
    // groups and interleave them, one copy per half. split (not narrow) so that the
    // backward pass joins the two gradients in one pass instead of zero-filling twice.
    if (channelsLast) {
        const auto parts = x.permute({0, 2, 3, 1}).reshape({b, f, t, 2, half}).split(half / 2, 4);
        auto interleave = [&](const torch::Tensor& p) {
            return p.transpose(3, 4).reshape({b, f, t, half}).permute({0, 3, 1, 2});
        };
        return {interleave(parts[0]), interleave(parts[1])};
    }
    const auto parts = x.reshape({b, 2, half, f, t}).split(half / 2, 2);
    auto interleave = [&](const torch::Tensor& p) { return p.transpose(1, 2).reshape({b, half, f, t}); };
    return {interleave(parts[0]), interleave(parts[1])};
}

torch::Tensor TfSepBlockImpl::forward(const torch::Tensor& input, LayerRecorder* recorder, const std::string& name)
{
    torch::Tensor x = trans_conv ? trans_conv->forward(input, recorder, name + ".trans_conv") : input;
    const auto [x1, x2] = shuffledHalves(x);

    torch::Tensor f = freq_dw_conv->forward(x1, recorder, name + ".freq_dw_conv").mean(2, /*keepdim=*/true);
    f = freq_pw_conv->forward(f, recorder, name + ".freq_pw_conv");
    f = torch::dropout(f, dropout_, is_training());

    torch::Tensor t = temp_dw_conv->forward(x2, recorder, name + ".temp_dw_conv").mean(3, /*keepdim=*/true);
    t = temp_pw_conv->forward(t, recorder, name + ".temp_pw_conv");
    t = torch::dropout(t, dropout_, is_training());

    return torch::cat({x1 + f, x2 + t}, 1);
}

}  // namespace sb
