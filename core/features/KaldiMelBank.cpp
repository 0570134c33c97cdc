#include "core/features/KaldiMelBank.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cmath>

namespace sb {
namespace {

double melScale(double hz) { return 1127.0 * std::log(1.0 + hz / 700.0); }
float melScale(float hz) { return 1127.0f * std::log(1.0f + hz / 700.0f); }

}  // namespace

KaldiMelBank::KaldiMelBank(int numBins, int fftSize, double sampleRate, double lowFreq, double highFreq)
    : fftBins_(fftSize / 2 + 1)
{
    const double nyquist = 0.5 * sampleRate;
    if (highFreq <= 0.0) highFreq += nyquist;
    if (numBins <= 3 || fftSize <= 0 || fftSize % 2 != 0 || lowFreq < 0.0 || highFreq > nyquist || lowFreq >= highFreq)
        throw Error("invalid mel bank: " + std::to_string(numBins) + " bins, FFT " + std::to_string(fftSize) +
                        ", " + std::to_string(lowFreq) + "-" + std::to_string(highFreq) + " Hz",
                    "mel bank");
    // The scalar edges are Python doubles in torchaudio; everything per bin is float32.
    const double melLow = melScale(lowFreq);
    const double melDelta = (melScale(highFreq) - melLow) / (numBins + 1);
    const auto binWidth = static_cast<float>(sampleRate / fftSize);
    const int fftUsed = fftSize / 2;  // the Nyquist bin stays zero
    std::vector<float> mel(static_cast<size_t>(fftUsed));
    for (int k = 0; k < fftUsed; ++k) mel[static_cast<size_t>(k)] = melScale(binWidth * static_cast<float>(k));

    const auto low = static_cast<float>(melLow);
    const auto delta = static_cast<float>(melDelta);
    filters_.resize(static_cast<size_t>(numBins));
    for (int m = 0; m < numBins; ++m) {
        const float left = low + static_cast<float>(m) * delta;
        const float center = low + (static_cast<float>(m) + 1.0f) * delta;
        const float right = low + (static_cast<float>(m) + 2.0f) * delta;
        Filter& f = filters_[static_cast<size_t>(m)];
        f.first = -1;
        for (int k = 0; k < fftUsed; ++k) {
            const float x = mel[static_cast<size_t>(k)];
            const float up = (x - left) / (center - left);
            const float down = (right - x) / (right - center);
            const float w = std::max(0.0f, std::min(up, down));
            if (w > 0.0f && f.first < 0) f.first = k;
            if (f.first >= 0) f.weights.push_back(w);
        }
        if (f.first < 0) f.first = 0;
        while (!f.weights.empty() && f.weights.back() == 0.0f) f.weights.pop_back();
    }
}

void KaldiMelBank::applyBlock(const float* power, float* out) const
{
    for (size_t m = 0; m < filters_.size(); ++m) {
        const Filter& f = filters_[m];
        float acc[kBlock] = {};
        const float* p = power + static_cast<size_t>(f.first) * kBlock;
        for (size_t j = 0; j < f.weights.size(); ++j, p += kBlock) {
            const float w = f.weights[j];
            for (int b = 0; b < kBlock; ++b) acc[b] += w * p[b];
        }
        std::copy(acc, acc + kBlock, out + m * kBlock);
    }
}

std::vector<float> KaldiMelBank::dense() const
{
    std::vector<float> bank(filters_.size() * static_cast<size_t>(fftBins_), 0.f);
    for (size_t m = 0; m < filters_.size(); ++m) {
        const Filter& f = filters_[m];
        for (size_t j = 0; j < f.weights.size(); ++j)
            bank[m * static_cast<size_t>(fftBins_) + static_cast<size_t>(f.first) + j] = f.weights[j];
    }
    return bank;
}

}  // namespace sb
