#include "ui/inspector/ClipFrontEnds.h"

#include "core/audio/AudioFile.h"
#include "core/audio/AudioLoading.h"
#include "core/common/Error.h"
#include "core/features/CpMel.h"
#include "core/features/KaldiFbank.h"

#include <algorithm>

namespace sb::ui {

ClipFrontEnds ClipFrontEnds::load(const std::string& path, int cpmelMels, sb::CancellationToken& token)
{
    ClipFrontEnds clip;
    clip.path = path;
    try {
        // The waveform as recorded; each front end gets its own rate through loadMonoAt,
        // exactly as the feature extractor of a run decodes it.
        sb::MonoAudio native = sb::readMonoAudio(path);
        token.checkpoint();
        const sb::KaldiFbank fbank;  // BEATs' call: the defaults (128 bins, 16 kHz)
        const sb::MonoAudio at16k = sb::loadMonoAt(path, fbank.sampleRate());
        clip.fbank = fbank.compute(at16k.samples);
        token.checkpoint();
        sb::CpMelParams melParams;
        melParams.numMels = cpmelMels;
        const sb::CpMel cpmel(melParams);
        const sb::MonoAudio at32k = sb::loadMonoAt(path, cpmel.sampleRate());
        clip.cpmel = cpmel.compute(at32k.samples);

        // Kaldi frames are whole windows (snip_edges): frame i covers [i*shift, i*shift+len).
        const auto& fp = fbank.params();
        clip.fbankStepSeconds = fp.frameShiftMs / 1000.0;
        clip.fbankFirstSeconds = fp.frameLengthMs / 2000.0;
        // CpMel pads by half the FFT (centre=True): frame i is centred on sample i*hop.
        clip.cpmelStepSeconds = double(cpmel.params().hopLength) / cpmel.sampleRate();
        clip.cpmelFirstSeconds = 0.0;
        clip.samples = std::move(native.samples);
        clip.sampleRate = native.sampleRate;
    } catch (const sb::Cancelled&) {
        throw;
    } catch (const sb::Error& e) {
        clip = ClipFrontEnds{};
        clip.path = path;
        clip.error = e.what();
    }
    return clip;
}

void ClipFrontEnds::waveformPoints(size_t maxPoints, std::vector<double>& seconds, std::vector<double>& values) const
{
    seconds.clear();
    values.clear();
    if (sampleRate <= 0) return;
    const double rate = sampleRate;
    if (samples.size() <= maxPoints) {
        for (size_t i = 0; i < samples.size(); ++i) {
            seconds.push_back(double(i) / rate);
            values.push_back(double(samples[i]));
        }
        return;
    }
    const size_t blocks = std::max<size_t>(1, maxPoints / 2);
    const size_t step = (samples.size() + blocks - 1) / blocks;
    for (size_t i = 0; i < samples.size(); i += step) {
        const auto first = samples.begin() + long(i), last = samples.begin() + long(std::min(samples.size(), i + step));
        const auto [lo, hi] = std::minmax_element(first, last);
        const bool loFirst = lo < hi;
        seconds.insert(seconds.end(), {double(i) / rate, double(i) / rate});
        values.insert(values.end(), {double(loFirst ? *lo : *hi), double(loFirst ? *hi : *lo)});
    }
}

}  // namespace sb::ui
