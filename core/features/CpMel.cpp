#include "core/features/CpMel.h"

#include "core/common/Error.h"
#include "core/features/TorchWindows.h"
#include "core/features/VectorMath.h"

#include <algorithm>
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

    constexpr int B = KaldiMelBank::kBlock;
    const int64_t frames = frameCount(count);
    const int mels = params_.numMels;
    const int fftBins = fft_.bins();
    FeatureMatrix out{mels, frames, std::vector<float>(static_cast<size_t>(mels * frames))};
    RealFft::Workspace ws(fft_);
    float* in = ws.input();
    std::memset(in, 0, sizeof(float) * static_cast<size_t>(fft_.size()));  // outside the window stays 0
    std::vector<float> power(static_cast<size_t>(fftBins) * B, 0.f);      // fftBins x B
    std::vector<float> energies(static_cast<size_t>(mels) * B);          // mels x B
    const int winLength = params_.windowLength;
    const float* w = window_.data();

    for (int64_t t0 = 0; t0 < frames; t0 += B) {
        const int inBlock = static_cast<int>(std::min<int64_t>(B, frames - t0));
        for (int b = 0; b < inBlock; ++b) {
            const float* x = padded.data() + (t0 + b) * params_.hopLength + windowOffset_;
            float* frame = in + windowOffset_;
            for (int j = 0; j < winLength; ++j) frame[j] = x[j] * w[j];
            fft_.forward(ws);
            const auto* spectrum = reinterpret_cast<const float*>(ws.output());
            for (int k = 0; k < fftBins; ++k)
                power[static_cast<size_t>(k * B + b)] = spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1];
        }
        melBank_.applyBlock(power.data(), energies.data());
        for (float& e : energies) e += params_.logOffset;
        logInPlace(energies.data(), energies.size());
        for (int m = 0; m < mels; ++m) {
            float* row = out.data.data() + m * frames + t0;
            const float* e = energies.data() + m * B;
            for (int b = 0; b < inBlock; ++b) row[b] = (e[b] + params_.normShift) / params_.normScale;
        }
    }
    return out;
}

int CpMel::framesPerSecond()
{
    static const int frames = [] {
        const CpMel frontEnd;
        return int(frontEnd.frameCount(size_t(frontEnd.sampleRate())));
    }();
    return frames;
}

}  // namespace sb
