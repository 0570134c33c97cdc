#pragma once
// Byte-exact audio files for the robustness suite: a RIFF/WAVE writer whose every header
// field can be set to a wrong value, sample encoders, and other libsndfile containers
// (FLAC, AIFF, ...) written through libsndfile and read back as bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sb::robust {

struct WavSpec {
    std::string riff = "RIFF", wave = "WAVE", fmtId = "fmt ", dataId = "data";
    uint16_t tag = 1;  // WAVE_FORMAT_PCM
    uint16_t channels = 1;
    uint32_t rate = 44100;
    uint16_t bits = 16;
    std::optional<uint32_t> byteRate, blockAlign, riffSize, fmtSize, dataSize;  // computed when unset
    std::string fmtExtra;     // bytes after the 16 standard fmt bytes (cbSize, extensible...)
    std::string extraChunks;  // whole chunks placed between fmt and data
    std::string samples;      // the data chunk's bytes
};

std::string wavBytes(const WavSpec& spec);

// Little-endian helpers, also used to forge other headers.
std::string le16(uint16_t v);
std::string le32(uint32_t v);
std::string le64(uint64_t v);
std::string be32(uint32_t v);

// A 440 Hz tone at 0.3 of full scale, `frames` x `channels` interleaved.
std::vector<float> tone(size_t frames, int channels, int rate);
std::string pcm16(const std::vector<float>& samples);
std::string float32(const std::vector<float>& samples);
std::string float64(const std::vector<double>& samples);

// The file libsndfile writes for `format` (SF_FORMAT_*), via a temporary file in `scratch`.
std::string sndfileBytes(const std::string& scratch, int format, const std::vector<float>& interleaved,
                         int channels, int rate);

}  // namespace sb::robust
