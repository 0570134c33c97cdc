#pragma once
// A front end turns a mono waveform at its own sample rate into a feature matrix.
// Plain std::vector data and no torch, so the UI can draw spectrograms with it too.
#include <cstdint>
#include <string>
#include <vector>

namespace sb {

// Row-major rows x cols floats. Shapes: Kaldi fbank (frames, bins); CpMel (mels, frames).
struct FeatureMatrix {
    int64_t rows = 0;
    int64_t cols = 0;
    std::vector<float> data;

    float at(int64_t r, int64_t c) const { return data[static_cast<size_t>(r * cols + c)]; }
};

class FrontEnd {
public:
    virtual ~FrontEnd() = default;

    virtual std::string name() const = 0;   // "beats" or "cpmel"
    virtual int sampleRate() const = 0;     // the rate compute() expects
    virtual size_t minSamples() const = 0;  // shorter input has no valid frame
    // Every parameter that changes the output, as text: the feature cache's key.
    virtual std::string fingerprint() const = 0;

    // Thread-safe. Throws sb::Error (where = the front end's name) if the input is shorter
    // than minSamples().
    virtual FeatureMatrix compute(const float* samples, size_t count) const = 0;
    FeatureMatrix compute(const std::vector<float>& samples) const { return compute(samples.data(), samples.size()); }
};

}  // namespace sb
