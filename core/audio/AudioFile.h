#pragma once
// Reading and writing audio files through libsndfile (wav, flac, ogg, aiff, ...).
// Decoding sits at the edge: the rest of core works on float sample vectors.
#include <cstdint>
#include <string>
#include <vector>

namespace sb {

struct AudioInfo {
    int sampleRate = 0;
    int channels = 0;
    int64_t frames = 0;      // samples per channel
    std::string format;      // libsndfile's major format name, e.g. "WAV (Microsoft)"
    double seconds() const { return sampleRate > 0 ? double(frames) / sampleRate : 0.0; }
};

// Mono float samples in [-1, 1] at a known rate.
struct MonoAudio {
    std::vector<float> samples;
    int sampleRate = 0;
};

// Header only; throws sb::Error naming the file if it is not a regular file or
// libsndfile cannot open it.
AudioInfo probeAudio(const std::string& path);

// Whole file, channels averaged to mono. Throws sb::Error naming the file when it is
// unreadable, empty, truncated (its header declares more samples than it holds), has more
// than 64 channels or a rate outside 1-768 kHz, or holds non-finite samples.
MonoAudio readMonoAudio(const std::string& path);

// 16-bit PCM WAV (the TAU22 distribution format), written atomically.
void writeWav16(const std::string& path, const std::vector<float>& samples, int sampleRate);

}  // namespace sb
