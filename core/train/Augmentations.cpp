#include "core/train/Augmentations.h"

#include "core/common/Error.h"
#include "core/common/FftSize.h"

namespace sb {
namespace {

torch::Tensor permutationTensor(int64_t n, RandomSource& random)
{
    return torch::tensor(random.permutation(n), torch::kLong);
}

}  // namespace

MixedBatch mixUp(const torch::Tensor& input, double alpha, RandomSource& random)
{
    MixedBatch batch;
    batch.permutation = permutationTensor(input.size(0), random).to(input.device());
    batch.lambda = random.beta(alpha);
    batch.input = batch.lambda * input + (1.0 - batch.lambda) * input.index_select(0, batch.permutation);
    return batch;
}

torch::Tensor freqMixStyle(const torch::Tensor& x, double alpha, double p, RandomSource& random)
{
    if (!random.chance(p)) return x;
    const int64_t b = x.size(0);
    const auto mu = x.mean({1, 3}, /*keepdim=*/true).detach();
    const auto sigma = (x.var({1, 3}, /*unbiased=*/true, /*keepdim=*/true) + 1e-6).sqrt().detach();
    const auto normed = (x - mu) / sigma;
    std::vector<float> lambdas(static_cast<size_t>(b));
    for (auto& l : lambdas) l = float(random.beta(alpha));
    const auto lambda = torch::tensor(lambdas).view({b, 1, 1, 1}).to(x.device());
    const auto perm = permutationTensor(b, random).to(x.device());
    const auto muMix = mu * lambda + mu.index_select(0, perm) * (1 - lambda);
    const auto sigmaMix = sigma * lambda + sigma.index_select(0, perm) * (1 - lambda);
    return normed * sigmaMix + muMix;
}

torch::Tensor specAugment(const torch::Tensor& x, double p, RandomSource& random, double maxFraction)
{
    if (p <= 0) return x;
    auto out = x.clone();
    const int64_t freqs = x.size(2), frames = x.size(3);
    for (int64_t i = 0; i < x.size(0); ++i) {
        if (random.chance(p)) {
            const int64_t width = random.integer(0, int64_t(maxFraction * double(freqs)) + 1);
            const int64_t start = random.integer(0, freqs - width + 1);
            out[i].narrow(1, start, width).zero_();
        }
        if (random.chance(p)) {
            const int64_t width = random.integer(0, int64_t(maxFraction * double(frames)) + 1);
            const int64_t start = random.integer(0, frames - width + 1);
            out[i].narrow(2, start, width).zero_();
        }
    }
    return out;
}

torch::Tensor deviceImpulseResponses(const torch::Tensor& waveforms, const std::vector<bool>& isDeviceA,
                                     const std::vector<torch::Tensor>& impulseResponses, double p,
                                     RandomSource& random)
{
    if (p <= 0 || impulseResponses.empty()) return waveforms;
    if (isDeviceA.size() != size_t(waveforms.size(0)))
        throw Error("device flags do not match the batch", "device impulse responses");
    auto out = waveforms.clone();
    const int64_t n = waveforms.size(1);
    for (int64_t i = 0; i < waveforms.size(0); ++i) {
        if (!isDeviceA[size_t(i)] || !random.chance(p)) continue;
        const auto& ir = impulseResponses[size_t(random.integer(0, int64_t(impulseResponses.size())))];
        // Linear convolution by FFT, truncated to the input length (the output starts with the IR onset).
        const auto size = int64_t(fftFriendlySize(size_t(n + ir.size(0) - 1)));
        const auto spectrum = torch::fft::rfft(waveforms[i], size) * torch::fft::rfft(ir.to(waveforms.device()), size);
        out[i] = torch::fft::irfft(spectrum, size).narrow(0, 0, n);
    }
    return out;
}

}  // namespace sb
