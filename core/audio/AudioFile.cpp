#include "core/audio/AudioFile.h"

#include "core/audio/AudioContainerCheck.h"
#include "core/common/AtomicFile.h"
#include "core/common/Error.h"

#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <memory>

namespace sb {
namespace {

struct SndfileCloser {
    void operator()(SNDFILE* f) const { sf_close(f); }
};
using SndfileHandle = std::unique_ptr<SNDFILE, SndfileCloser>;

SndfileHandle openForReading(const std::string& path, SF_INFO& info)
{
    // A FIFO or a device would block or never end inside libsndfile: regular files only.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found) throw Error("audio file does not exist", path);
    if (ec) throw Error("cannot access audio file: " + ec.message(), path);
    if (!std::filesystem::is_regular_file(status)) throw Error("not a regular file (a folder, device or pipe)", path);
    info = SF_INFO{};
    SndfileHandle f(sf_open(path.c_str(), SFM_READ, &info));
    if (!f) throw Error(std::string("cannot read audio: ") + sf_strerror(nullptr), path);
    return f;
}

// What SceneBench decodes: scene recordings, not multichannel arrays or sensor streams.
// Rates outside this range are forged or nonsensical headers (libsoxr would be asked to
// resample 1 Hz to 32 kHz); this many channels is no microphone recording.
constexpr int kMinRate = 1000;
constexpr int kMaxRate = 768000;
constexpr int kMaxChannels = 64;
constexpr sf_count_t kBlockFrames = 65536;

void checkDecodable(const SF_INFO& info, const std::string& path)
{
    if (info.frames <= 0) throw Error("audio file holds no samples", path);
    if (info.channels < 1 || info.channels > kMaxChannels)
        throw Error("audio file has " + std::to_string(info.channels) + " channels; SceneBench reads 1 to " +
                        std::to_string(kMaxChannels),
                    path);
    if (info.samplerate < kMinRate || info.samplerate > kMaxRate)
        throw Error("audio file has a sample rate of " + std::to_string(info.samplerate) + " Hz; SceneBench reads " +
                        std::to_string(kMinRate) + " to " + std::to_string(kMaxRate) + " Hz",
                    path);
}

std::string formatName(int format)
{
    SF_FORMAT_INFO fi{};
    fi.format = format & SF_FORMAT_TYPEMASK;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &fi, sizeof(fi)) == 0 && fi.name) return fi.name;
    return "unknown";
}

}  // namespace

AudioInfo probeAudio(const std::string& path)
{
    SF_INFO info;
    openForReading(path, info);
    return AudioInfo{info.samplerate, info.channels, static_cast<int64_t>(info.frames), formatName(info.format)};
}

MonoAudio readMonoAudio(const std::string& path)
{
    SF_INFO info;
    SndfileHandle f = openForReading(path, info);  // first: it refuses FIFOs and devices
    checkAudioContainer(path);
    checkDecodable(info, path);
    MonoAudio out;
    out.sampleRate = info.samplerate;
    // Decoded block by block: the header's frame count is a claim (a forged FLAC header
    // may claim 2^36 frames), so memory follows what the file really holds.
    const int c = info.channels;
    std::vector<float> block(static_cast<size_t>(kBlockFrames) * static_cast<size_t>(c));
    for (sf_count_t got; (got = sf_readf_float(f.get(), block.data(), kBlockFrames)) > 0;) {
        const size_t start = out.samples.size();
        out.samples.resize(start + static_cast<size_t>(got));
        for (sf_count_t i = 0; i < got; ++i) {
            float sum = 0.f;
            for (int ch = 0; ch < c; ++ch) sum += block[static_cast<size_t>(i * c + ch)];
            const float v = sum / float(c);
            if (!std::isfinite(v))
                throw Error("non-finite sample at frame " + std::to_string(start + static_cast<size_t>(i)), path);
            out.samples[start + static_cast<size_t>(i)] = v;
        }
        if (static_cast<sf_count_t>(out.samples.size()) >= info.frames) break;
    }
    if (out.samples.empty()) throw Error("audio file could not be decoded", path);
    // MPEG headers only estimate their length; every other format states it exactly.
    const auto decoded = static_cast<sf_count_t>(out.samples.size());
    if (decoded < info.frames && (info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_MPEG)
        throw Error("truncated or damaged audio file: decoded " + std::to_string(decoded) + " of the " +
                        std::to_string(info.frames) + " frames its header declares",
                    path);
    return out;
}

void writeWav16(const std::string& path, const std::vector<float>& samples, int sampleRate)
{
    // libsndfile writes to a path, so write the temporary file and rename it ourselves.
    const std::string temp = path + ".part";
    SF_INFO info{};
    info.samplerate = sampleRate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    {
        SndfileHandle f(sf_open(temp.c_str(), SFM_WRITE, &info));
        if (!f) throw Error(std::string("cannot write audio: ") + sf_strerror(nullptr), path);
        // Clip rather than wrap when a float sample exceeds full scale.
        sf_command(f.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);
        const auto n = static_cast<sf_count_t>(samples.size());
        if (sf_writef_float(f.get(), samples.data(), n) != n) throw Error("short write", path);
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) throw Error("cannot move audio into place: " + ec.message(), path);
}

}  // namespace sb
