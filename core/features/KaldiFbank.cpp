#include "core/features/KaldiFbank.h"

#include "core/common/Error.h"
#include "core/features/TorchWindows.h"

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

FeatureMatrix KaldiFbank::compute(const float* samples, size_t count) const
{
    if (count < minSamples())
        throw Error("clip too short for the Kaldi fbank: " + std::to_string(count) + " samples, need at least " +
                        std::to_string(minSamples()),
                    name());
    const int64_t frames = frameCount(count);
    const int bins = params_.numMelBins;
    FeatureMatrix out{frames, bins, std::vector<float>(static_cast<size_t>(frames * bins))};

    RealFft::Workspace ws(fft_);
    std::vector<float> frame(static_cast<size_t>(windowSize_));
    std::vector<float> power(static_cast<size_t>(fft_.bins()));
    const float eps = std::numeric_limits<float>::epsilon();
    const float normDivisor = 2.0f * params_.normStd;
    float* in = ws.input();
    std::memset(in, 0, sizeof(float) * static_cast<size_t>(fft_.size()));  // right zero-padding

    for (int64_t t = 0; t < frames; ++t) {
        const float* x = samples + t * windowShift_;
        double sum = 0.0;
        for (int j = 0; j < windowSize_; ++j) {
            frame[static_cast<size_t>(j)] = x[j] * params_.waveformScale;
            sum += frame[static_cast<size_t>(j)];
        }
        const auto mean = static_cast<float>(sum / windowSize_);
        for (float& v : frame) v -= mean;  // DC removal
        // Pre-emphasis with replicate padding: the first sample sees itself as its past.
        float previous = frame[0];
        for (int j = 0; j < windowSize_; ++j) {
            const float current = frame[static_cast<size_t>(j)];
            in[j] = (current - params_.preemphasis * previous) * window_[static_cast<size_t>(j)];
            previous = current;
        }
        fft_.forward(ws);
        const std::complex<float>* spectrum = ws.output();
        for (int k = 0; k < fft_.bins(); ++k) power[static_cast<size_t>(k)] = std::norm(spectrum[k]);
        float* row = out.data.data() + t * bins;
        melBank_.apply(power.data(), row);
        for (int m = 0; m < bins; ++m) {
            float v = std::log(std::max(row[m], eps));
            if (params_.normalise) v = (v - params_.normMean) / normDivisor;
            row[m] = v;
        }
    }
    return out;
}

}  // namespace sb
