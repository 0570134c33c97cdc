#include "core/audio/AudioFile.h"

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
    if (!std::filesystem::exists(path)) throw Error("audio file does not exist", path);
    info = SF_INFO{};
    SndfileHandle f(sf_open(path.c_str(), SFM_READ, &info));
    if (!f) throw Error(std::string("cannot read audio: ") + sf_strerror(nullptr), path);
    return f;
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
    SndfileHandle f = openForReading(path, info);
    if (info.frames <= 0) throw Error("audio file holds no samples", path);
    if (info.channels <= 0 || info.samplerate <= 0) throw Error("audio file has an invalid header", path);

    std::vector<float> interleaved(static_cast<size_t>(info.frames) * static_cast<size_t>(info.channels));
    const sf_count_t got = sf_readf_float(f.get(), interleaved.data(), info.frames);
    if (got <= 0) throw Error("audio file could not be decoded", path);

    MonoAudio out;
    out.sampleRate = info.samplerate;
    out.samples.resize(static_cast<size_t>(got));
    const int c = info.channels;
    for (sf_count_t i = 0; i < got; ++i) {
        float sum = 0.f;
        for (int ch = 0; ch < c; ++ch) sum += interleaved[static_cast<size_t>(i * c + ch)];
        const float v = sum / float(c);
        if (!std::isfinite(v))
            throw Error("non-finite sample at frame " + std::to_string(i), path);
        out.samples[static_cast<size_t>(i)] = v;
    }
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
