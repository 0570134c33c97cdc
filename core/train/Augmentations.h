#pragma once
// The training-time augmentations of science.md ("Augmentations"). All draws come from
// a RandomSource so that a resumed run repeats them exactly.
#include "core/train/RandomSource.h"

#include <torch/torch.h>

#include <vector>

namespace sb {

// MixUp: lambda ~ Beta(alpha, alpha); x = lambda x + (1 - lambda) x[perm]. The caller
// mixes the loss with the same lambda and permutation (mixedDistillationLoss, ...).
struct MixedBatch {
    torch::Tensor input;
    torch::Tensor permutation;  // int64 (B)
    double lambda = 1.0;
};
MixedBatch mixUp(const torch::Tensor& input, double alpha, RandomSource& random);

// FreqMixStyle on spectrograms (B, C, F, T), applied to the batch with probability p:
// per sample and frequency bin, mean and std over channel and time; normalise; mix the
// statistics with a permuted sample by lambda ~ Beta(alpha, alpha) per sample; de-normalise.
torch::Tensor freqMixStyle(const torch::Tensor& spectrogram, double alpha, double p, RandomSource& random);

// SpecAugment on (B, C, F, T): per sample, one frequency mask and one time mask, each
// with probability p and a width drawn uniformly up to maxFraction of the axis; masked = 0.
torch::Tensor specAugment(const torch::Tensor& spectrogram, double p, RandomSource& random, double maxFraction = 0.2);

// Device impulse responses (DIR): with probability p per clip, convolve a device-a
// waveform (rows of `waveforms`, (B, N)) with a random IR from `impulseResponses`; the
// output keeps the original length. `isDeviceA` marks which rows may be convolved.
torch::Tensor deviceImpulseResponses(const torch::Tensor& waveforms, const std::vector<bool>& isDeviceA,
                                     const std::vector<torch::Tensor>& impulseResponses, double p,
                                     RandomSource& random);

}  // namespace sb
