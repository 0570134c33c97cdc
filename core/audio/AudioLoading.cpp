#include "core/audio/AudioLoading.h"

#include "core/common/Error.h"

#include <cstdio>

namespace sb {
namespace {

std::string seconds(double s)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", s);
    return text;
}

}  // namespace

MonoAudio loadMonoAt(const std::string& path, int sampleRate, double minSeconds, ResampleQuality quality)
{
    MonoAudio audio = readMonoAudio(path);
    const double duration = double(audio.samples.size()) / audio.sampleRate;
    if (duration < minSeconds)
        throw Error("audio clip too short: " + seconds(duration) + ", need at least " + seconds(minSeconds), path);
    audio.samples = resampleTo(audio.samples, audio.sampleRate, sampleRate, quality);
    audio.sampleRate = sampleRate;
    return audio;
}

}  // namespace sb
