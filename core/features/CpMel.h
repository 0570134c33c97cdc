#pragma once
// The student's front end (CpMel of the seed code): valid pre-emphasis, STFT with a
// symmetric Hann window zero-padded centred into the FFT, centre reflect padding, power,
// Kaldi mel bank, log(x + 1e-5), (x + 4.5) / 5. Output (mels, frames); 64 frames for 1 s
// at 32 kHz (the valid pre-emphasis leaves 31999 samples: 1 + 31999 / 500). spec/science.md.
#include "core/features/FrontEnd.h"
#include "core/features/KaldiMelBank.h"
#include "core/features/RealFft.h"

namespace sb {

struct CpMelParams {
    int numMels = 256;       // the paper's students use 256 or 512
    int sampleRate = 32000;
    int fftSize = 4096;
    int windowLength = 3072;
    int hopLength = 500;
    float preemphasis = 0.97f;
    double fmin = 0.0;
    double fmax = 16000.0;
    float logOffset = 1e-5f;
    float normShift = 4.5f;  // the seed code's "fast normalisation" (x + 4.5) / 5
    float normScale = 5.0f;
};

class CpMel : public FrontEnd {
public:
    explicit CpMel(CpMelParams params = {});

    std::string name() const override { return "cpmel"; }
    int sampleRate() const override { return params_.sampleRate; }
    // Centre reflect padding by fftSize/2 needs more than that many samples after the
    // one-sample-shorter pre-emphasis.
    size_t minSamples() const override { return static_cast<size_t>(params_.fftSize / 2 + 2); }
    std::string fingerprint() const override;
    FeatureMatrix compute(const float* samples, size_t count) const override;
    using FrontEnd::compute;

    const CpMelParams& params() const { return params_; }
    int64_t frameCount(size_t n) const;
    // Frames of one second at the default parameters (64; independent of the mel count):
    // the input the DCASE complexity limits are counted on.
    static int framesPerSecond();

private:
    CpMelParams params_;
    RealFft fft_;
    std::vector<float> window_;  // Hann(windowLength), centred in fftSize
    int windowOffset_;           // index of the window's first sample in the FFT frame
    KaldiMelBank melBank_;
};

}  // namespace sb
