#pragma once
// The Kaldi mel filter bank of torchaudio.compliance.kaldi.get_mel_banks (no VTLN warp):
// triangles in the mel domain, mel(f) = 1127 ln(1 + f/700), no area normalisation, plus
// the zero column for the Nyquist bin that both BEATs and CpMel append. Stored sparsely
// (each triangle covers a short run of FFT bins), built in float32 like torchaudio.
#include <vector>

namespace sb {

class KaldiMelBank {
public:
    // numBins triangles over an FFT of fftSize points at sampleRate, from lowFreq to
    // highFreq (highFreq <= 0 means Nyquist + highFreq, as in Kaldi).
    KaldiMelBank(int numBins, int fftSize, double sampleRate, double lowFreq, double highFreq);

    int numBins() const { return static_cast<int>(filters_.size()); }
    int fftBins() const { return fftBins_; }  // fftSize / 2 + 1

    // Filters kBlock frames at once, so the inner loop runs across frames and vectorises:
    // power is fftBins() x kBlock (bin-major), out is numBins() x kBlock, and
    // out[m][b] = sum_k bank[m][k] * power[k][b].
    static constexpr int kBlock = 16;
    void applyBlock(const float* power, float* out) const;
    // Dense (numBins x fftBins) copy, for tests and plots.
    std::vector<float> dense() const;

private:
    struct Filter {
        int first = 0;               // first FFT bin with a nonzero weight
        std::vector<float> weights;  // weights of bins first, first+1, ...
    };
    int fftBins_;
    std::vector<Filter> filters_;
};

}  // namespace sb
