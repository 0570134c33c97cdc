#pragma once
// Sample-rate conversion with libsoxr. One Resampler converts whole signals between
// two fixed rates and may be reused for many of them; it keeps libsoxr state, so each
// thread needs its own (see resampleTo() for a thread-local cache).
#include <memory>
#include <vector>

namespace sb {

// libsoxr recipes. High is the default: 20-bit precision (about 120 dB of stop-band
// rejection) already lies below the noise floor of 16-bit PCM sources such as TAU22, and
// it is roughly twice as fast as VeryHigh (28-bit), which changes no feature visibly.
enum class ResampleQuality { High, VeryHigh };

const char* resampleQualityName(ResampleQuality quality);

class Resampler {
public:
    Resampler(int inputRate, int outputRate, ResampleQuality quality = ResampleQuality::High);
    ~Resampler();
    Resampler(const Resampler&) = delete;
    Resampler& operator=(const Resampler&) = delete;

    int inputRate() const { return inputRate_; }
    int outputRate() const { return outputRate_; }
    ResampleQuality quality() const { return quality_; }

    // The whole signal, converted: round(n * outputRate / inputRate) samples, linear
    // phase and delay-compensated, so sample k of the output lies at time k / outputRate.
    std::vector<float> process(const std::vector<float>& input);

    static size_t outputLength(size_t inputLength, int inputRate, int outputRate);

private:
    struct State;
    int inputRate_;
    int outputRate_;
    ResampleQuality quality_;
    std::unique_ptr<State> state_;
};

// Converts with a Resampler kept per thread and rate pair; returns the input unchanged
// when the rates are equal.
std::vector<float> resampleTo(const std::vector<float>& input, int inputRate, int outputRate,
                              ResampleQuality quality = ResampleQuality::High);

}  // namespace sb
