#include "WavBytes.h"

#include <sndfile.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace sb::robust {

std::string le16(uint16_t v) { return {char(v & 0xff), char(v >> 8)}; }
std::string le32(uint32_t v) { return le16(uint16_t(v & 0xffff)) + le16(uint16_t(v >> 16)); }
std::string le64(uint64_t v) { return le32(uint32_t(v & 0xffffffffu)) + le32(uint32_t(v >> 32)); }
std::string be32(uint32_t v) { return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)}; }

std::string wavBytes(const WavSpec& s)
{
    const uint32_t blockAlign = s.blockAlign.value_or(uint32_t(s.channels) * s.bits / 8);
    std::string fmt = le16(s.tag) + le16(s.channels) + le32(s.rate) + le32(s.byteRate.value_or(s.rate * blockAlign)) +
                      le16(uint16_t(blockAlign)) + le16(s.bits) + s.fmtExtra;
    std::string body = s.wave + s.fmtId + le32(s.fmtSize.value_or(uint32_t(fmt.size()))) + fmt + s.extraChunks +
                       s.dataId + le32(s.dataSize.value_or(uint32_t(s.samples.size()))) + s.samples;
    return s.riff + le32(s.riffSize.value_or(uint32_t(body.size()))) + body;
}

std::vector<float> tone(size_t frames, int channels, int rate)
{
    std::vector<float> out(frames * size_t(channels));
    for (size_t i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            out[i * size_t(channels) + size_t(c)] = float(0.3 * std::sin(2 * M_PI * 440.0 * double(i) / rate));
    return out;
}

std::string pcm16(const std::vector<float>& samples)
{
    std::string out;
    for (const float x : samples) out += le16(uint16_t(int16_t(std::lround(x * 32767.0f))));
    return out;
}

std::string float32(const std::vector<float>& samples)
{
    std::string out(samples.size() * 4, '\0');
    std::memcpy(out.data(), samples.data(), out.size());
    return out;
}

std::string float64(const std::vector<double>& samples)
{
    std::string out(samples.size() * 8, '\0');
    std::memcpy(out.data(), samples.data(), out.size());
    return out;
}

std::string sndfileBytes(const std::string& scratch, int format, const std::vector<float>& interleaved,
                         int channels, int rate)
{
    const std::string path = (std::filesystem::path(scratch) / ("sndfile-" + std::to_string(format))).string();
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    if (!f) throw std::runtime_error(std::string("libsndfile cannot write the fixture: ") + sf_strerror(nullptr));
    sf_writef_float(f, interleaved.data(), sf_count_t(interleaved.size() / size_t(channels)));
    sf_close(f);
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    return bytes;
}

}  // namespace sb::robust
