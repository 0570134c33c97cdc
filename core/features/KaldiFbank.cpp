#include "core/features/KaldiFbank.h"

#include "core/common/Error.h"
#include "core/features/TorchWindows.h"
#include "core/features/VectorMath.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

namespace sb {
namespace {

int samplesOf(double ms, int rate) { return static_cast<int>(rate * ms * 0.001); }

int nextPowerOfTwo(int n)
{
    int p = 1;
    while (p < n) p *= 2;
    return p;
}

}  // namespace

KaldiFbank::KaldiFbank(KaldiFbankParams params)
    : params_(params),
      windowSize_(samplesOf(params.frameLengthMs, params.sampleRate)),
      windowShift_(samplesOf(params.frameShiftMs, params.sampleRate)),
      fft_(nextPowerOfTwo(windowSize_)),
      window_(torchPoveyWindow(windowSize_)),
      melBank_(params.numMelBins, fft_.size(), params.sampleRate, params.lowFreq, params.highFreq)
{
    if (windowSize_ < 2 || windowShift_ < 1)
        throw Error("frame length and shift must cover at least 2 and 1 samples", "kaldi fbank");
}

std::string KaldiFbank::fingerprint() const
{
    std::ostringstream s;
    s.precision(9);
    s << "kaldi-fbank/1 bins=" << params_.numMelBins << " rate=" << params_.sampleRate
      << " frame=" << params_.frameLengthMs << "ms shift=" << params_.frameShiftMs << "ms low=" << params_.lowFreq
      << " high=" << params_.highFreq << " preemph=" << params_.preemphasis << " scale=" << params_.waveformScale
      << " window=povey dither=0 dc=1 fft=" << fft_.size() << " floor=float-eps";
    if (params_.normalise) s << " norm=" << params_.normMean << "," << params_.normStd;
    return s.str();
}

int64_t KaldiFbank::frameCount(size_t n) const
{
    if (n < static_cast<size_t>(windowSize_)) return 0;
    return 1 + static_cast<int64_t>((n - static_cast<size_t>(windowSize_)) / static_cast<size_t>(windowShift_));
}

void KaldiFbank::prepareFrame(const float* x, float* scratch, float* fftInput) const
{
    // The steps of torchaudio's _get_window, each rounded to float as there.
    const int n = windowSize_;
    for (int j = 0; j < n; ++j) scratch[j] = x[j] * params_.waveformScale;
    float lanes[8] = {};  // independent partial sums: the loop vectorises
    int j = 0;
    for (; j + 8 <= n; j += 8)
        for (int l = 0; l < 8; ++l) lanes[l] += scratch[j + l];
    float sum = 0.f;
    for (; j < n; ++j) sum += scratch[j];
    for (float lane : lanes) sum += lane;
    const float mean = sum / static_cast<float>(n);
    for (j = 0; j < n; ++j) scratch[j] -= mean;  // DC removal
    // Pre-emphasis with replicate padding: the first sample sees itself as its past.
    const float c = params_.preemphasis;
    const float* w = window_.data();
    fftInput[0] = (scratch[0] - c * scratch[0]) * w[0];
    for (j = 1; j < n; ++j) fftInput[j] = (scratch[j] - c * scratch[j - 1]) * w[j];
}

FeatureMatrix KaldiFbank::compute(const float* samples, size_t count) const
{
    if (count < minSamples())
        throw Error("clip too short for the Kaldi fbank: " + std::to_string(count) + " samples, need at least " +
                        std::to_string(minSamples()),
                    name());
    constexpr int B = KaldiMelBank::kBlock;
    const int64_t frames = frameCount(count);
    const int bins = params_.numMelBins;
    const int fftBins = fft_.bins();
    FeatureMatrix out{frames, bins, std::vector<float>(static_cast<size_t>(frames * bins))};

    RealFft::Workspace ws(fft_);
    std::memset(ws.input(), 0, sizeof(float) * static_cast<size_t>(fft_.size()));  // right zero-padding
    std::vector<float> scratch(static_cast<size_t>(windowSize_));
    std::vector<float> power(static_cast<size_t>(fftBins) * B, 0.f);  // fftBins x B
    std::vector<float> energies(static_cast<size_t>(bins) * B);      // bins x B
    const float eps = std::numeric_limits<float>::epsilon();
    const float normDivisor = 2.0f * params_.normStd;

    for (int64_t t0 = 0; t0 < frames; t0 += B) {
        const int inBlock = static_cast<int>(std::min<int64_t>(B, frames - t0));
        for (int b = 0; b < inBlock; ++b) {
            prepareFrame(samples + (t0 + b) * windowShift_, scratch.data(), ws.input());
            fft_.forward(ws);
            const auto* spectrum = reinterpret_cast<const float*>(ws.output());
            for (int k = 0; k < fftBins; ++k)
                power[static_cast<size_t>(k * B + b)] = spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1];
        }
        melBank_.applyBlock(power.data(), energies.data());
        for (float& e : energies) e = std::max(e, eps);
        logInPlace(energies.data(), energies.size());
        if (params_.normalise)
            for (float& e : energies) e = (e - params_.normMean) / normDivisor;
        for (int b = 0; b < inBlock; ++b) {
            float* row = out.data.data() + (t0 + b) * bins;
            for (int m = 0; m < bins; ++m) row[m] = energies[static_cast<size_t>(m * B + b)];
        }
    }
    return out;
}

}  // namespace sb
