#pragma once
// The BEATs front end (BEATs.preprocess): waveform x 32768, Kaldi fbank as
// torchaudio.compliance.kaldi.fbank computes it with BEATs' arguments, then
// (x - mean) / (2 std). Output (frames, bins). Exact steps: spec/beats.md §1.
#include "core/features/FrontEnd.h"
#include "core/features/KaldiMelBank.h"
#include "core/features/RealFft.h"

namespace sb {

// Defaults are BEATs' call and torchaudio 0.13's defaults for everything it leaves out.
struct KaldiFbankParams {
    int numMelBins = 128;
    int sampleRate = 16000;
    double frameLengthMs = 25.0;
    double frameShiftMs = 10.0;
    double lowFreq = 20.0;
    double highFreq = 0.0;            // <= 0: Nyquist + highFreq
    float preemphasis = 0.97f;
    float waveformScale = 32768.0f;   // BEATs feeds 16-bit integer scale to Kaldi
    bool normalise = true;            // BEATs' (x - mean) / (2 std)
    float normMean = 15.41663f;
    float normStd = 6.55582f;
};

class KaldiFbank : public FrontEnd {
public:
    explicit KaldiFbank(KaldiFbankParams params = {});

    std::string name() const override { return "beats"; }
    int sampleRate() const override { return params_.sampleRate; }
    size_t minSamples() const override { return static_cast<size_t>(windowSize_); }
    std::string fingerprint() const override;
    FeatureMatrix compute(const float* samples, size_t count) const override;
    using FrontEnd::compute;

    const KaldiFbankParams& params() const { return params_; }
    // Frames for n samples (snip_edges: only whole windows).
    int64_t frameCount(size_t n) const;

private:
    // One frame of x, DC-removed, pre-emphasised and windowed, into fftInput.
    void prepareFrame(const float* x, float* scratch, float* fftInput) const;

    KaldiFbankParams params_;
    int windowSize_;
    int windowShift_;
    RealFft fft_;
    std::vector<float> window_;
    KaldiMelBank melBank_;
};

}  // namespace sb
