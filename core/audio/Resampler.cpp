#include "core/audio/Resampler.h"

#include "core/common/Error.h"

#include <soxr.h>

#include <map>
#include <tuple>

namespace sb {

struct Resampler::State {
    soxr_t soxr = nullptr;
    ~State() { if (soxr) soxr_delete(soxr); }
};

const char* resampleQualityName(ResampleQuality quality)
{
    return quality == ResampleQuality::VeryHigh ? "soxr-vhq" : "soxr-hq";
}

Resampler::Resampler(int inputRate, int outputRate, ResampleQuality quality)
    : inputRate_(inputRate), outputRate_(outputRate), quality_(quality), state_(std::make_unique<State>())
{
    if (inputRate <= 0 || outputRate <= 0)
        throw Error("sample rates must be positive, got " + std::to_string(inputRate) + " -> " +
                        std::to_string(outputRate),
                    "resampler");
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t q = soxr_quality_spec(quality == ResampleQuality::VeryHigh ? SOXR_VHQ : SOXR_HQ, 0);
    // One thread inside libsoxr: callers parallelise over files instead.
    const soxr_runtime_spec_t runtime = soxr_runtime_spec(1);
    soxr_error_t error = nullptr;
    state_->soxr = soxr_create(inputRate, outputRate, 1, &error, &io, &q, &runtime);
    if (error) throw Error(std::string("libsoxr: ") + error, "resampler");
}

Resampler::~Resampler() = default;

size_t Resampler::outputLength(size_t inputLength, int inputRate, int outputRate)
{
    const auto in = static_cast<unsigned long long>(inputRate);
    return static_cast<size_t>((inputLength * static_cast<unsigned long long>(outputRate) + in / 2) / in);
}

std::vector<float> Resampler::process(const std::vector<float>& input)
{
    std::vector<float> output(outputLength(input.size(), inputRate_, outputRate_));
    soxr_clear(state_->soxr);
    size_t produced = 0;
    size_t consumed = 0;
    // Feed everything, then drain with a null input (end of signal) until the output is full.
    while (produced < output.size()) {
        const bool ended = consumed == input.size();
        size_t inDone = 0, outDone = 0;
        const soxr_error_t error = soxr_process(state_->soxr, ended ? nullptr : input.data() + consumed,
                                                input.size() - consumed, &inDone, output.data() + produced,
                                                output.size() - produced, &outDone);
        if (error) throw Error(std::string("libsoxr: ") + error, "resampler");
        consumed += inDone;
        produced += outDone;
        if (ended && outDone == 0) break;
    }
    output.resize(produced);
    return output;
}

std::vector<float> resampleTo(const std::vector<float>& input, int inputRate, int outputRate, ResampleQuality quality)
{
    if (inputRate == outputRate) return input;
    thread_local std::map<std::tuple<int, int, ResampleQuality>, std::unique_ptr<Resampler>> cache;
    auto& slot = cache[{inputRate, outputRate, quality}];
    if (!slot) slot = std::make_unique<Resampler>(inputRate, outputRate, quality);
    return slot->process(input);
}

}  // namespace sb
