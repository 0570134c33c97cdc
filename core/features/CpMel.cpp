#include "core/features/CpMel.h"

#include "core/common/Error.h"
#include "core/features/TorchWindows.h"

#include <cmath>
#include <cstring>
#include <sstream>

namespace sb {

CpMel::CpMel(CpMelParams params)
    : params_(params),
      fft_(params.fftSize),
      window_(torchHannWindow(params.windowLength, false)),
      windowOffset_((params.fftSize - params.windowLength) / 2),
      melBank_(params.numMels, params.fftSize, params.sampleRate, params.fmin, params.fmax)
{
    if (params.windowLength < 2 || params.windowLength > params.fftSize || params.hopLength < 1)
        throw Error("window length must lie in [2, FFT size] and the hop be positive", "cpmel");
}

std::string CpMel::fingerprint() const
{
    std::ostringstream s;
    s.precision(9);
    s << "cpmel/1 mels=" << params_.numMels << " rate=" << params_.sampleRate << " fft=" << params_.fftSize
      << " win=" << params_.windowLength << " hop=" << params_.hopLength << " preemph=" << params_.preemphasis
      << " fmin=" << params_.fmin << " fmax=" << params_.fmax << " log+" << params_.logOffset
      << " norm=" << params_.normShift << "," << params_.normScale << " window=hann-symmetric center=reflect";
    return s.str();
}

int64_t CpMel::frameCount(size_t n) const
{
    if (n < minSamples()) return 0;
    return 1 + static_cast<int64_t>((n - 1) / static_cast<size_t>(params_.hopLength));
}

FeatureMatrix CpMel::compute(const float* samples, size_t count) const
{
    if (count < minSamples())
        throw Error("clip too short for CpMel: " + std::to_string(count) + " samples, need at least " +
                        std::to_string(minSamples()),
                    name());
    // Valid pre-emphasis (conv1d with [-0.97, 1]), then torch.stft's centre reflect padding.
    const size_t length = count - 1;
    const size_t pad = static_cast<size_t>(params_.fftSize / 2);
    std::vector<float> padded(length + 2 * pad);
    float* y = padded.data() + pad;
    for (size_t i = 0; i < length; ++i) y[i] = -params_.preemphasis * samples[i] + samples[i + 1];
    for (size_t k = 1; k <= pad; ++k) {
        y[-static_cast<std::ptrdiff_t>(k)] = y[k];
        y[length - 1 + k] = y[length - 1 - k];
    }

    const int64_t frames = frameCount(count);
    const int mels = params_.numMels;
    FeatureMatrix out{mels, frames, std::vector<float>(static_cast<size_t>(mels * frames))};
    RealFft::Workspace ws(fft_);
    float* in = ws.input();
    std::memset(in, 0, sizeof(float) * static_cast<size_t>(fft_.size()));  // outside the window stays 0
    std::vector<float> power(static_cast<size_t>(fft_.bins()));
    std::vector<float> energies(static_cast<size_t>(mels));
    const int winLength = params_.windowLength;

    for (int64_t t = 0; t < frames; ++t) {
        const float* x = padded.data() + t * params_.hopLength + windowOffset_;
        for (int j = 0; j < winLength; ++j) in[windowOffset_ + j] = x[j] * window_[static_cast<size_t>(j)];
        fft_.forward(ws);
        const std::complex<float>* spectrum = ws.output();
        for (int k = 0; k < fft_.bins(); ++k) power[static_cast<size_t>(k)] = std::norm(spectrum[k]);
        melBank_.apply(power.data(), energies.data());
        for (int m = 0; m < mels; ++m)
            out.data[static_cast<size_t>(m * frames + t)] =
                (std::log(energies[static_cast<size_t>(m)] + params_.logOffset) + params_.normShift) /
                params_.normScale;
    }
    return out;
}

}  // namespace sb
