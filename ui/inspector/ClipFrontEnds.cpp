#include "ui/inspector/ClipFrontEnds.h"

#include "core/audio/AudioFile.h"
#include "core/audio/AudioLoading.h"
#include "core/common/Error.h"
#include "core/features/CpMel.h"
#include "core/features/KaldiFbank.h"

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

}  // namespace sb::ui
