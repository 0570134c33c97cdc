#pragma once
// One clip as the models of a run see it: the waveform as the file holds it, the BEATs
// Kaldi fbank (16 kHz, what the teachers are fed) and the student's CpMel (32 kHz, the
// run's mel count), computed by the same core calls the runner uses. Plain data, no Qt
// widgets: load() runs on a pool thread (JobSlot), the result is drawn on the GUI thread.
#include "core/common/CancellationToken.h"
#include "core/features/FrontEnd.h"

#include <string>
#include <vector>

namespace sb::ui {

struct ClipFrontEnds {
    std::string path;
    std::vector<float> samples;  // mono, at the file's own rate
    int sampleRate = 0;
    sb::FeatureMatrix fbank;     // (frames, bins)
    sb::FeatureMatrix cpmel;     // (mels, frames)
    double fbankFirstSeconds = 0, fbankStepSeconds = 0;  // centre of frame 0, frame shift
    double cpmelFirstSeconds = 0, cpmelStepSeconds = 0;
    std::string error;           // non-empty: the audio could not be read (the rest is empty)

    bool ok() const { return error.empty(); }
    double seconds() const { return sampleRate > 0 ? double(samples.size()) / sampleRate : 0.0; }

    // Decodes path and computes both front ends. Never throws sb::Error: a missing,
    // unreadable or too short file comes back in `error`. Throws only on cancellation.
    static ClipFrontEnds load(const std::string& path, int cpmelMels, sb::CancellationToken& token);
};

}  // namespace sb::ui
