#pragma once
// The one call the rest of SceneBench uses to get audio ready for a front end:
// decode (any libsndfile format), down-mix to mono, resample, check the length.
#include "core/audio/AudioFile.h"
#include "core/audio/Resampler.h"

#include <string>

namespace sb {

// The file as mono float samples at `sampleRate`. Throws sb::Error naming the file when it
// is unreadable, empty, holds non-finite samples, or lasts less than `minSeconds`.
MonoAudio loadMonoAt(const std::string& path, int sampleRate, double minSeconds = 0.0,
                     ResampleQuality quality = ResampleQuality::High);

}  // namespace sb
